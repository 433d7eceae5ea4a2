package document

// Title overrides the accessor on Windows only.
func (p *Person) Title() string { return "windows" }

// pathSeparator is a helper: files with constraints may hold those.
const pathSeparator = '\\'

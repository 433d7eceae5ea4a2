// Package document holds the dynamic category functions of the case.
package document

// Fixed gives every type it is named on the color category.
func Fixed() []string { return []string{"color"} }

// ByType gives boxes an owner and nothing to others.
func ByType(portalType string) []string {
	if portalType == "Box" {
		return []string{"owner", "color"}
	}
	return nil
}

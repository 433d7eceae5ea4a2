package holders

// Guard decides whether the caller may act under a permission on an
// object. The application implements it (ERP5's checkPermission); the
// permissions come from the schema's read_permission and write_permission.
type Guard interface {
	Allowed(permission string, obj Object) bool
}

// GuardFunc adapts a function to Guard.
type GuardFunc func(permission string, obj Object) bool

// Allowed calls f.
func (f GuardFunc) Allowed(permission string, obj Object) bool { return f(permission, obj) }

// Guarded returns obj with every by-name access checked against g: reads
// need the property's read permission, writes its write permission. An
// Edit checks every key before anything is applied. Typed accessors are
// the application's own code and are not guarded.
func Guarded(obj Object, g Guard) Object { return &guarded{obj, g} }

type guarded struct {
	Object
	g Guard
}

// allowed checks permission for property id; unknown ids pass through to
// the object, which reports them.
func (o *guarded) allowed(id string, write bool) error {
	if perm, ok := o.permitted(id, write); !ok {
		return &PropertyError{Type: o.TypeInfo().Name, Property: id, Err: permissionError(perm)}
	}
	return nil
}

// permitted is allowed without the error, for the callers that only test
// it; perm is the permission refused.
func (o *guarded) permitted(id string, write bool) (perm string, ok bool) {
	p, ok := o.TypeInfo().Property(id)
	if !ok {
		return "", true
	}
	perm = p.ReadPermission
	if write {
		perm = p.WritePermission
	}
	return perm, o.g.Allowed(perm, o.Object)
}

type permissionError string

func (e permissionError) Error() string        { return "permission denied: " + string(e) }
func (e permissionError) Is(target error) bool { return target == ErrPermission }

func (o *guarded) Value(id string) (Value, error) {
	if err := o.allowed(id, false); err != nil {
		return Value{}, err
	}
	return o.Object.Value(id)
}

func (o *guarded) GetProperty(id string) (any, error) { return GetProperty(o, id) }

func (o *guarded) HasProperty(id string) bool {
	_, ok := o.permitted(id, false)
	return ok && o.Object.HasProperty(id)
}

// PropertyIDs lists the ids the caller may read.
func (o *guarded) PropertyIDs() []string {
	all := o.Object.PropertyIDs()
	var ids []string
	for _, id := range all {
		if _, ok := o.permitted(id, false); ok {
			if ids == nil {
				ids = make([]string, 0, len(all))
			}
			ids = append(ids, id)
		}
	}
	return ids
}

// SetProperty refuses, in this order, an unknown or read-only id, then a
// refused permission, as Edit does; then the object checks the value.
func (o *guarded) SetProperty(id string, v any) error {
	if _, perr := o.TypeInfo().check(id); perr != nil {
		return perr
	}
	if err := o.allowed(id, true); err != nil {
		return err
	}
	return o.Object.SetProperty(id, v)
}

// Edit checks every id first: if any is unknown, read-only or refused by
// the guard, it returns an *EditError naming each such id and applies
// nothing. Otherwise the object's own Edit checks the values, all or none.
func (o *guarded) Edit(changes ...Change) error {
	var errs []*PropertyError
	for _, c := range changes {
		errs = o.refuse(errs, c.ID)
	}
	if errs != nil {
		return editError(o.TypeInfo(), errs)
	}
	return o.Object.Edit(changes...)
}

// EditMap checks every key first, as Edit does.
func (o *guarded) EditMap(changes map[string]any) error {
	var errs []*PropertyError
	for id := range changes {
		errs = o.refuse(errs, id)
	}
	if errs != nil {
		return editError(o.TypeInfo(), errs)
	}
	return o.Object.EditMap(changes)
}

// refuse appends to errs why property id may not be written by an edit:
// it is unknown, read-only or refused by the guard.
func (o *guarded) refuse(errs []*PropertyError, id string) []*PropertyError {
	if _, perr := o.TypeInfo().check(id); perr != nil {
		return append(errs, perr)
	}
	if err := o.allowed(id, true); err != nil {
		return append(errs, err.(*PropertyError))
	}
	return errs
}

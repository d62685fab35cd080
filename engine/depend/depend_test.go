package depend

import (
	"reflect"
	"testing"

	"github.com/pacer-edu/pacer/engine/check"
	"github.com/pacer-edu/pacer/engine/content"
)

// Every field of every course item is compared by its kind's facets
// function, so a field added to the model without a Facet fails here
// instead of leaving the pages that show it stale in the dev server.
func TestFacetsCoverEveryField(t *testing.T) {
	a := &content.Activity{ID: "a", Title: "A", For: []content.Ref{{ID: "k"}}, Interests: []string{"x"},
		Aliases: []string{"b"}, Params: map[string]any{"p": 1}, Body: []byte("b"),
		Checks: []check.Check{{Q: "q", Choices: []string{"1", "2"}, Answer: []int{1}, Accept: []string{"1"}}}}
	everyField(t, a, activityFacets)
	everyField(t, &content.Competency{ID: "k", Codes: []string{"c"}, Requires: []content.Ref{{ID: "j"}}, Body: []byte("b")}, competencyFacets)
	everyField(t, &content.Unit{ID: "u", Competencies: []content.Ref{{ID: "k"}}, Body: []byte("b")}, unitFacets)
	everyField(t, &content.Group{ID: "g", Units: []content.Ref{{ID: "u"}}}, groupFacets)
	everyField(t, &content.Student{ID: "s", Group: &content.Ref{ID: "g"}, Units: []content.Ref{{ID: "u"}}, Prefers: []string{"video"},
		Interests: []string{"x"}, Mastered: []content.Ref{{ID: "k"}}, Goals: []string{"g"}}, studentFacets)
}

// everyField changes each leaf field of a copy of *x in turn and checks
// that diff sees it.
func everyField[T any](t *testing.T, x *T, diff func(o, n *T) Facet) {
	t.Helper()
	typ := reflect.TypeOf(x).Elem().Name()
	for _, leaf := range leaves(reflect.ValueOf(x).Elem(), typ) {
		if leaf.name == typ+".ID" {
			continue // items are matched by id: a new id is a new item
		}
		n := new(T)
		*n = deepCopy(*x)
		leaf.change(reflect.ValueOf(n).Elem())
		if diff(x, n) == 0 {
			t.Errorf("%s: a change is not seen", leaf.name)
		}
	}
}

type leaf struct {
	name   string
	change func(root reflect.Value)
}

// leaves lists the fields of v (recursing into structs and into the first
// element of slices), each with a function that changes it in a value of
// v's type.
func leaves(v reflect.Value, name string) []leaf {
	var out []leaf
	var walk func(v reflect.Value, name string, at func(root reflect.Value) reflect.Value)
	walk = func(v reflect.Value, name string, at func(reflect.Value) reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				if !v.Type().Field(i).IsExported() {
					continue
				}
				walk(v.Field(i), name+"."+v.Type().Field(i).Name, func(r reflect.Value) reflect.Value { return at(r).Field(i) })
			}
			return
		case reflect.Slice:
			if v.Len() > 0 && v.Type().Elem().Kind() != reflect.Uint8 {
				walk(v.Index(0), name+"[0]", func(r reflect.Value) reflect.Value { return at(r).Index(0) })
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), name+"*", func(r reflect.Value) reflect.Value { return at(r).Elem() })
			}
		}
		out = append(out, leaf{name, func(r reflect.Value) { alter(at(r)) }})
	}
	walk(v, name, func(r reflect.Value) reflect.Value { return r })
	return out
}

func alter(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		v.Set(reflect.Zero(v.Type()))
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for _, k := range v.MapKeys() {
			m.SetMapIndex(k, v.MapIndex(k))
		}
		m.SetMapIndex(reflect.ValueOf("new").Convert(v.Type().Key()), reflect.Zero(v.Type().Elem()))
		v.Set(m)
	case reflect.Struct:
		// A struct with no exported fields (a date): set it to a different value.
		if v.Type().NumField() > 0 {
			f := v.Field(0)
			if f.CanSet() {
				alter(f)
				return
			}
		}
		panic("cannot change " + v.Type().String())
	default:
		panic("cannot change " + v.Type().String())
	}
}

// deepCopy copies x so that changing the copy's slices and maps leaves x
// as it was.
func deepCopy[T any](x T) T {
	var cp func(v reflect.Value) reflect.Value
	cp = func(v reflect.Value) reflect.Value {
		switch v.Kind() {
		case reflect.Struct:
			out := reflect.New(v.Type()).Elem()
			out.Set(v)
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					out.Field(i).Set(cp(v.Field(i)))
				}
			}
			return out
		case reflect.Slice:
			if v.IsNil() {
				return v
			}
			out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				out.Index(i).Set(cp(v.Index(i)))
			}
			return out
		case reflect.Pointer:
			if v.IsNil() {
				return v
			}
			out := reflect.New(v.Type().Elem())
			out.Elem().Set(cp(v.Elem()))
			return out
		case reflect.Map:
			if v.IsNil() {
				return v
			}
			out := reflect.MakeMap(v.Type())
			for _, k := range v.MapKeys() {
				out.SetMapIndex(k, cp(v.MapIndex(k)))
			}
			return out
		}
		return v
	}
	return cp(reflect.ValueOf(x)).Interface().(T)
}

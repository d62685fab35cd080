package calendar

// Break is a named span of days off, both ends included.
type Break struct {
	From, To Date
	Name     string
}

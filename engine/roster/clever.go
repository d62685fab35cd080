package roster

import (
	"strings"

	"github.com/pacer-edu/pacer/engine/diag"
)

var (
	clStudents = schema{
		file:     "students.csv",
		read:     []string{"Student_id", "First_name", "Last_name", "Preferred_first_name"},
		required: []string{"Student_id", "First_name", "Last_name"},
		known: []string{"School_id", "Student_number", "State_id", "Middle_name", "Grade", "Gender",
			"Graduation_year", "DOB", "Race", "Hispanic_Latino", "Home_language", "Ell_status", "Frl_status",
			"IEP_status", "Student_street", "Student_city", "Student_state", "Student_zip", "Student_email",
			"Contact_relationship", "Contact_type", "Contact_name", "Contact_phone", "Contact_email",
			"Contact_sis_id", "Username", "Password", "Unweighted_gpa", "Weighted_gpa"},
		extensions: []string{"ext."},
	}
	clSections = schema{
		file:     "sections.csv",
		read:     []string{"Section_id", "Name", "Course_name", "Period"},
		required: []string{"Section_id"},
		known: []string{"School_id", "Teacher_id", "Teacher_2_id", "Teacher_3_id", "Teacher_4_id", "Teacher_5_id",
			"Teacher_6_id", "Teacher_7_id", "Teacher_8_id", "Teacher_9_id", "Teacher_10_id", "Section_number",
			"Grade", "Course_number", "Course_description", "Subject", "Term_name", "Term_start", "Term_end"},
		extensions: []string{"ext."},
	}
	clEnrollments = schema{
		file:     "enrollments.csv",
		read:     []string{"Section_id", "Student_id"},
		required: []string{"Section_id", "Student_id"},
		known:    []string{"School_id"},
	}
)

func readClever(fsys files, pkg *Package, diags *diag.List) {
	pkg.partial[fsys.show("students.csv")] = !table(fsys, "students.csv", clStudents, diags, func(r row) {
		id := r.get("Student_id")
		if id == "" {
			diags.Errorf(r.pos, "student with no Student_id")
			return
		}
		if prev, dup := pkg.People[id]; dup {
			diags.Errorf(r.pos, "student %q appears twice (first on line %d)", id, prev.Pos.Line)
			return
		}
		pkg.People[id] = &Person{ID: id, Given: r.get("First_name"), Family: r.get("Last_name"),
			Preferred: r.get("Preferred_first_name"), Pos: r.pos, student: true}
	})
	classes := map[string]*Class{}
	pkg.partial[fsys.show("sections.csv")] = !table(fsys, "sections.csv", clSections, diags, func(r row) {
		id := r.get("Section_id")
		if id == "" {
			diags.Errorf(r.pos, "section with no Section_id")
			return
		}
		if prev, dup := classes[id]; dup {
			diags.Errorf(r.pos, "section %q appears twice (first on line %d)", id, prev.Pos.Line)
			return
		}
		title := r.get("Name")
		if title == "" {
			title = strings.TrimSpace(r.get("Course_name"))
			if p := r.get("Period"); p != "" {
				title = strings.TrimSpace(title + " - Period " + p)
			}
		}
		if title == "" {
			title = id
		}
		c := &Class{ID: id, Title: title, Pos: r.pos}
		classes[id] = c
		pkg.Classes = append(pkg.Classes, c)
	})
	table(fsys, "enrollments.csv", clEnrollments, diags, func(r row) {
		pkg.enroll(r, classes, nil, r.get("Section_id"), r.get("Student_id"), fsys.show("students.csv"), fsys.show("sections.csv"), diags)
	})
}

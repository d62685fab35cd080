package roster

import (
	"strings"

	"github.com/pacer-edu/pacer/engine/diag"
)

var (
	orManifest = schema{
		file: "manifest.csv", read: []string{"propertyName", "value"}, required: []string{"propertyName", "value"},
	}
	orUsers = schema{
		file:     "users.csv",
		read:     []string{"sourcedId", "status", "role", "givenName", "familyName", "preferredGivenName", "preferredFamilyName"},
		required: []string{"sourcedId", "givenName", "familyName"},
		known: []string{"dateLastModified", "enabledUser", "orgSourcedIds", "username", "userIds", "middleName",
			"identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier",
			"resourceSourcedIds", "preferredMiddleName", "primaryOrgSourcedId", "pronouns"},
		variants: map[string]string{
			"prefferedGivenName": "preferredGivenName", "prefferedFamilyName": "preferredFamilyName",
			"prefferedMiddleName": "", "roles": "role",
		},
		extensions: []string{"metadata."},
	}
	orRoles = schema{
		file:       "roles.csv",
		read:       []string{"userSourcedId", "role", "status"},
		required:   []string{"userSourcedId", "role"},
		known:      []string{"sourcedId", "dateLastModified", "roleType", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"},
		extensions: []string{"metadata."},
	}
	orClasses = schema{
		file:     "classes.csv",
		read:     []string{"sourcedId", "status", "title"},
		required: []string{"sourcedId", "title"},
		known: []string{"dateLastModified", "grades", "courseSourcedId", "classCode", "classType", "location",
			"schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods", "resources"},
		variants:   map[string]string{"termSourcedId": ""},
		extensions: []string{"metadata."},
	}
	orEnrollments = schema{
		file:       "enrollments.csv",
		read:       []string{"classSourcedId", "userSourcedId", "role", "status"},
		required:   []string{"classSourcedId", "userSourcedId"},
		known:      []string{"sourcedId", "dateLastModified", "schoolSourcedId", "primary", "beginDate", "endDate"},
		extensions: []string{"metadata."},
	}
)

func readOneRoster(fsys files, pkg *Package, diags *diag.List) {
	pkg.Format = OneRoster11
	version := ""
	if fsys.has("manifest.csv") {
		table(fsys, "manifest.csv", orManifest, diags, func(r row) {
			if strings.EqualFold(r.get("propertyName"), "oneroster.version") {
				version = r.get("value")
			}
		})
	}
	switch {
	case version == "1.2", strings.HasPrefix(version, "1.2."):
		pkg.Format = OneRoster12
	case version == "" && fsys.has("roles.csv"):
		pkg.Format = OneRoster12
	}

	skipped := map[string]bool{}
	roleKnown := false
	pkg.partial[fsys.show("users.csv")] = !table(fsys, "users.csv", orUsers, diags, func(r row) {
		id := r.get("sourcedId")
		switch {
		case r.deleted():
			skipped["u:"+id] = true
			return
		case id == "":
			diags.Errorf(r.pos, "user with no sourcedId")
			return
		}
		p := &Person{ID: id, Given: r.get("givenName"), Family: r.get("familyName"), Pos: r.pos,
			Preferred: r.get("preferredGivenName")}
		if f := r.get("preferredFamilyName"); f != "" {
			p.Family = f
		}
		if r.has("role") {
			roleKnown = true
			p.student = isStudent(r.get("role"))
		}
		if _, dup := pkg.People[id]; dup {
			diags.Errorf(r.pos, "user %q appears twice (first on line %d)", id, pkg.People[id].Pos.Line)
			return
		}
		pkg.People[id] = p
	})
	if fsys.has("roles.csv") {
		roleKnown = true
		table(fsys, "roles.csv", orRoles, diags, func(r row) {
			if p, ok := pkg.People[r.get("userSourcedId")]; ok && !r.deleted() && isStudent(r.get("role")) {
				p.student = true
			}
		})
	}
	classes := map[string]*Class{}
	pkg.partial[fsys.show("classes.csv")] = !table(fsys, "classes.csv", orClasses, diags, func(r row) {
		id := r.get("sourcedId")
		switch {
		case r.deleted():
			skipped["c:"+id] = true
			return
		case id == "":
			diags.Errorf(r.pos, "class with no sourcedId")
			return
		}
		if prev, dup := classes[id]; dup {
			diags.Errorf(r.pos, "class %q appears twice (first on line %d)", id, prev.Pos.Line)
			return
		}
		c := &Class{ID: id, Title: r.get("title"), Pos: r.pos}
		if c.Title == "" {
			c.Title = id
		}
		classes[id] = c
		pkg.Classes = append(pkg.Classes, c)
	})
	table(fsys, "enrollments.csv", orEnrollments, diags, func(r row) {
		cid, uid := r.get("classSourcedId"), r.get("userSourcedId")
		if r.deleted() {
			return
		}
		if role := r.get("role"); role != "" {
			if !isStudent(role) {
				return
			}
		} else if p, ok := pkg.People[uid]; ok && roleKnown && !p.student {
			return
		}
		pkg.enroll(r, classes, skipped, cid, uid, fsys.show("users.csv"), fsys.show("classes.csv"), diags)
	})
}

func isStudent(role string) bool { return strings.EqualFold(strings.TrimSpace(role), "student") }

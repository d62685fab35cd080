package token

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestForMatchesSpecDefinition(t *testing.T) {
	// Computed independently of For: HMAC-SHA256, base32 (RFC 4648), lowercase, unpadded, first 20.
	m := hmac.New(sha256.New, []byte("s3cret"))
	m.Write([]byte("ana-r"))
	want := strings.ToLower(strings.TrimRight(base32.StdEncoding.EncodeToString(m.Sum(nil)), "="))[:20]
	got := For([]byte("s3cret"), "ana-r")
	if got != want {
		t.Fatalf("For = %q, want %q", got, want)
	}
	if !regexp.MustCompile(`^[a-z2-7]{20}$`).MatchString(got) {
		t.Fatalf("token %q is not 20 base32 characters", got)
	}
	if For([]byte("s3cret"), "ben-t") == got || For([]byte("other"), "ana-r") == got {
		t.Fatal("tokens must differ by student and by secret")
	}
}

func TestSecretPrefersEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PACER_TEST_SECRET", "from-env")
	s, src, created, err := Secret(dir, "PACER_TEST_SECRET")
	if err != nil || string(s) != "from-env" || src != "$PACER_TEST_SECRET" || created {
		t.Fatalf("got %q %q %v %v", s, src, created, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".pacer")); !os.IsNotExist(err) {
		t.Fatal("no secret file should be written when the environment has one")
	}
}

func TestSecretFileIsCreatedOnceAndReused(t *testing.T) {
	dir := t.TempDir()
	s1, _, created, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil || !created || len(s1) != 64 {
		t.Fatalf("first: %q %v %v", s1, created, err)
	}
	s2, _, created, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil || created || string(s2) != string(s1) {
		t.Fatalf("second: %q %v %v", s2, created, err)
	}
	fi, _ := os.Stat(filepath.Join(dir, SecretFile))
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("secret file mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestEmptySecretFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".pacer"), 0o700)
	os.WriteFile(filepath.Join(dir, SecretFile), []byte("\n"), 0o600)
	if _, _, _, err := Secret(dir, ""); err == nil {
		t.Fatal("want an error for an empty secret file")
	}
}

func TestExistingWritesNothing(t *testing.T) {
	dir := t.TempDir()
	s, src, err := Existing(dir, "PACER_TEST_UNSET_VAR")
	if err != nil || len(s) == 0 || src != "" {
		t.Fatalf("got %q %q %v", s, src, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".pacer")); !os.IsNotExist(err) {
		t.Fatal("Existing must not create .pacer/")
	}
}

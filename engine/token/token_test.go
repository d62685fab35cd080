package token

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"errors"
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
	f, err := Secret(dir, "PACER_TEST_SECRET")
	if err != nil || string(f.Secret) != "from-env" || f.Source != "$PACER_TEST_SECRET" || f.Created {
		t.Fatalf("got %+v %v", f, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".pacer")); !os.IsNotExist(err) {
		t.Fatal("no secret file should be written when the environment has one")
	}
	// A throwaway secret from the environment (a test, a CI job) must not
	// lock the course to itself.
	if _, err := os.Stat(filepath.Join(dir, LockFile)); !os.IsNotExist(err) {
		t.Fatal("no lock should be written for a secret from the environment")
	}
}

// A course built before pacer.lock existed gets one from its secret.
func TestAnExistingSecretFileIsLocked(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".pacer"), 0o700)
	os.WriteFile(filepath.Join(dir, SecretFile), []byte("old-secret\n"), 0o600)
	f, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil || f.Created || !f.Locked || string(f.Secret) != "old-secret" {
		t.Fatalf("got %+v %v", f, err)
	}
	if lock, _ := readLock(dir); lock != Fingerprint([]byte("old-secret")) {
		t.Fatalf("lock %q", lock)
	}
}

func TestSecretFileIsCreatedOnceAndReused(t *testing.T) {
	dir := t.TempDir()
	f1, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil || !f1.Created || !f1.Locked || len(f1.Secret) != 64 {
		t.Fatalf("first: %+v %v", f1, err)
	}
	f2, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil || f2.Created || f2.Locked || string(f2.Secret) != string(f1.Secret) {
		t.Fatalf("second: %+v %v", f2, err)
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
	if _, err := Secret(dir, ""); err == nil {
		t.Fatal("want an error for an empty secret file")
	}
}

func TestExistingWritesNothing(t *testing.T) {
	dir := t.TempDir()
	f, err := Existing(dir, "PACER_TEST_UNSET_VAR")
	if err != nil || len(f.Secret) == 0 || f.Source != "" {
		t.Fatalf("got %+v %v", f, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("Existing must write nothing, wrote %v", entries)
	}
}

// The lock holds a one-way value: neither the secret nor anything that
// stays the same when the secret changes.
func TestLockRevealsNothingAboutTheSecret(t *testing.T) {
	dir := t.TempDir()
	f, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil {
		t.Fatal(err)
	}
	lock, _ := os.ReadFile(filepath.Join(dir, LockFile))
	if !strings.Contains(string(lock), Fingerprint(f.Secret)) {
		t.Fatalf("%s does not hold the fingerprint:\n%s", LockFile, lock)
	}
	for _, part := range []string{string(f.Secret), string(f.Secret[:16]), string(f.Secret[48:])} {
		if strings.Contains(string(lock), part) {
			t.Fatalf("%s contains part of the secret", LockFile)
		}
	}
	if Fingerprint([]byte("a")) == Fingerprint([]byte("b")) {
		t.Fatal("different secrets must have different fingerprints")
	}
}

// A copy of the course without .pacer/ (another laptop) must not make a
// new secret: every student's link would change.
func TestMissingSecretWithALockIsRefused(t *testing.T) {
	dir := t.TempDir()
	f, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, ".pacer"))
	_, err = Secret(dir, "PACER_TEST_UNSET_VAR")
	var te *Error
	if !errors.As(err, &te) || !te.Missing || !strings.Contains(te.Hint, "pacer secret import") {
		t.Fatalf("got %v, want a missing-secret error saying how to import it", err)
	}
	if _, err := os.Stat(filepath.Join(dir, SecretFile)); !os.IsNotExist(err) {
		t.Fatal("a new secret was written")
	}
	t.Setenv("PACER_TEST_SECRET", "another")
	if _, err := Secret(dir, "PACER_TEST_SECRET"); !errors.As(err, &te) || te.Missing {
		t.Fatalf("a different secret: got %v, want a mismatch error", err)
	}
	t.Setenv("PACER_TEST_SECRET", string(f.Secret))
	if g, err := Secret(dir, "PACER_TEST_SECRET"); err != nil || string(g.Secret) != string(f.Secret) {
		t.Fatalf("the same secret from the environment: %v", err)
	}
}

func TestImportChecksTheLockAndNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	f, err := Secret(dir, "PACER_TEST_UNSET_VAR")
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, ".pacer"))
	if _, err := Import(dir, []byte("wrong\n")); err == nil {
		t.Fatal("a secret that does not match the lock was imported")
	}
	if wrote, err := Import(dir, append(f.Secret, '\n')); err != nil || !wrote {
		t.Fatalf("import: %v %v", wrote, err)
	}
	fi, err := os.Stat(filepath.Join(dir, SecretFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("imported secret: %v %v, want mode 0600", fi, err)
	}
	if wrote, err := Import(dir, f.Secret); err != nil || wrote {
		t.Fatalf("the same secret again: %v %v, want nothing to do", wrote, err)
	}
	os.Remove(filepath.Join(dir, LockFile))
	if _, err := Import(dir, []byte("other")); err == nil {
		t.Fatal("another secret replaced .pacer/secret")
	}
	if g, _ := Existing(dir, ""); string(g.Secret) != string(f.Secret) {
		t.Fatal(".pacer/secret changed")
	}
}

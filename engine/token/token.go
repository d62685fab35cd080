// Package token owns student links: the secret they are derived from, the
// fingerprint that keeps the secret from being silently replaced, and the
// token itself (SPEC 6). It never writes student data anywhere.
package token

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pacer-edu/pacer/engine/privfile"
)

// Len is the number of base32 characters in a token (100 bits).
const Len = 20

// SecretFile is where the secret is kept when the environment lacks it,
// relative to the site root.
const SecretFile = ".pacer/secret"

// LockFile holds the fingerprint of the secret the course's links were
// made with, relative to the site root. Unlike the secret it is committed
// with the course, so a copy of the course on another machine knows that a
// new secret would change every student's link.
const LockFile = "pacer.lock"

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// For returns the token of student id under secret: the first 20 characters
// of the lowercase, unpadded base32 of HMAC-SHA256(secret, id).
func For(secret []byte, id string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(id))
	return strings.ToLower(b32.EncodeToString(m.Sum(nil)))[:Len]
}

// Fingerprint identifies secret without revealing it: the first 128 bits of
// HMAC-SHA256(secret, "pacer fingerprint v1"), in hex, after a version.
func Fingerprint(secret []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("pacer fingerprint v1"))
	return "v1:" + hex.EncodeToString(m.Sum(nil)[:16])
}

// Found is a link secret and where it came from.
type Found struct {
	Secret []byte
	// Source is "$NAME" for an environment variable, SecretFile, or ""
	// for a secret made up for one dry run.
	Source string
	// Created reports that a new secret was written to SecretFile, Locked
	// that its fingerprint was written to LockFile.
	Created, Locked bool
}

// Error is a secret that must not be used: missing on this machine while
// the course's links were made with one, or not the one they were made
// with. It reads as a sentence for the teacher; Hint says what to do.
type Error struct {
	Msg, Hint string
	// Missing is true when there is no secret at all.
	Missing bool
}

func (e *Error) Error() string { return e.Msg }

// Secret finds the link secret: the environment variable env when set, else
// the file .pacer/secret under root. When neither exists and the course has
// no LockFile, a fresh random secret is written to .pacer/secret; when the
// course has a LockFile, the links were made with a secret that is not here
// and the result is an *Error. A secret that does not match LockFile is an
// *Error too. A secret read from .pacer/secret is written to LockFile when
// the course has none yet.
func Secret(root, env string) (Found, error) { return find(root, env, true) }

// Existing is Secret without writing anything: when there is no secret it
// returns a random one for this run only (Source ""), so a dry run (pacer
// check) writes nothing. With an *Error it still returns the secret to use
// for the run (the mismatched one, or a random one).
func Existing(root, env string) (Found, error) { return find(root, env, false) }

func find(root, env string, write bool) (Found, error) {
	var f Found
	lock, err := readLock(root)
	if err != nil {
		return f, err
	}
	if env != "" {
		if v := os.Getenv(env); v != "" {
			f = Found{Secret: []byte(v), Source: "$" + env}
		}
	}
	p := filepath.Join(root, filepath.FromSlash(SecretFile))
	if f.Source == "" {
		b, err := os.ReadFile(p)
		switch {
		case err == nil:
			s := strings.TrimSpace(string(b))
			if s == "" {
				return f, fmt.Errorf("%s is empty: restore it from a backup or from the machine that made the links (pacer secret show there, pacer secret import here)", SecretFile)
			}
			f = Found{Secret: []byte(s), Source: SecretFile}
		case !errors.Is(err, os.ErrNotExist):
			return f, err
		}
	}
	if f.Source != "" {
		if lock != "" && lock != Fingerprint(f.Secret) {
			return f, mismatch(f.Source)
		}
		if lock == "" && write && f.Source == SecretFile {
			if err := writeLock(root, f.Secret); err != nil {
				return f, err
			}
			f.Locked = true
		}
		return f, nil
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return f, err
	}
	f.Secret = []byte(hex.EncodeToString(raw))
	if lock != "" {
		return f, missing(env)
	}
	if !write {
		return f, nil
	}
	if err := privfile.Write(p, append(bytes.Clone(f.Secret), '\n')); err != nil {
		return f, err
	}
	if err := writeLock(root, f.Secret); err != nil {
		return f, err
	}
	f.Source, f.Created, f.Locked = SecretFile, true, true
	return f, nil
}

func missing(env string) *Error {
	where := SecretFile
	if env != "" {
		where = "$" + env + " and no " + SecretFile
	}
	return &Error{Missing: true,
		Msg: fmt.Sprintf("this course's student links were made with a link secret that is not on this machine (no %s): a new secret would change every student's link", where),
		Hint: fmt.Sprintf("on the machine that made the links run `pacer secret show`, then here `pacer secret import` and paste it; or copy %s from that machine", SecretFile) +
			envHint(env)}
}

func mismatch(source string) *Error {
	return &Error{
		Msg:  fmt.Sprintf("the link secret in %s is not the one this course's student links were made with (%s holds its fingerprint); building with it would change every student's link", source, LockFile),
		Hint: fmt.Sprintf("use the secret the links were made with (`pacer secret show` on the machine that made them); to give every student a new link on purpose, delete %s", LockFile)}
}

func envHint(env string) string {
	if env == "" {
		return ""
	}
	return "; or set $" + env + " to it"
}

// Import makes secret this course's link secret on this machine: it must
// match LockFile when the course has one, and is written to .pacer/secret,
// readable by its owner alone. A different .pacer/secret already there is
// never replaced. wrote is false when the same secret was already there.
func Import(root string, secret []byte) (wrote bool, err error) {
	s := bytes.TrimSpace(secret)
	if len(s) == 0 {
		return false, errors.New("no secret given: paste the output of `pacer secret show` from the machine that made the links")
	}
	lock, err := readLock(root)
	if err != nil {
		return false, err
	}
	if lock != "" && lock != Fingerprint(s) {
		return false, fmt.Errorf("this is not the secret this course's student links were made with (%s holds its fingerprint); nothing was written", LockFile)
	}
	p := filepath.Join(root, filepath.FromSlash(SecretFile))
	if old, err := os.ReadFile(p); err == nil {
		if bytes.Equal(bytes.TrimSpace(old), s) {
			return false, nil
		}
		return false, fmt.Errorf("%s already holds another secret; it was not replaced (links made with it would be lost); move it away first if you are sure", SecretFile)
	} else if !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	if err := privfile.Write(p, append(bytes.Clone(s), '\n')); err != nil {
		return false, err
	}
	if lock == "" {
		if err := writeLock(root, s); err != nil {
			return true, err
		}
	}
	return true, nil
}

const lockKey = "fingerprint:"

// readLock returns the fingerprint in root's LockFile, "" when there is
// none.
func readLock(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, LockFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), lockKey); ok {
			if v = strings.TrimSpace(v); v != "" {
				return v, nil
			}
		}
	}
	return "", &Error{Msg: fmt.Sprintf("%s has no %s line, so the link secret cannot be checked", LockFile, strings.TrimSuffix(lockKey, ":")),
		Hint: fmt.Sprintf("restore it from git (git checkout %s), or delete it: the next build writes it again from the secret it finds", LockFile)}
}

func writeLock(root string, secret []byte) error {
	text := "# The fingerprint of the secret this course's student links are made with.\n" +
		"# It reveals nothing about the secret (kept in " + SecretFile + " or an environment\n" +
		"# variable, never committed). Commit this file: on another machine, pacer then\n" +
		"# refuses to build with a missing or different secret, which would change every\n" +
		"# student's link. Move the secret with `pacer secret show` and `pacer secret import`.\n" +
		lockKey + " " + Fingerprint(secret) + "\n"
	return os.WriteFile(filepath.Join(root, LockFile), []byte(text), 0o644)
}

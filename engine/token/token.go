// Package token owns student links: the secret they are derived from and the
// token itself (SPEC 6). It never writes student data anywhere.
package token

import (
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
)

// Len is the number of base32 characters in a token (100 bits).
const Len = 20

// SecretFile is where the secret is kept when the environment lacks it,
// relative to the site root.
const SecretFile = ".pacer/secret"

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// For returns the token of student id under secret: the first 20 characters
// of the lowercase, unpadded base32 of HMAC-SHA256(secret, id).
func For(secret []byte, id string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(id))
	return strings.ToLower(b32.EncodeToString(m.Sum(nil)))[:Len]
}

// Secret finds the link secret: the environment variable env when set, else
// the file .pacer/secret under root, which is created with a fresh random
// secret when missing. created reports that a new secret was written, so
// the caller can tell the teacher to keep it.
func Secret(root, env string) (secret []byte, source string, created bool, err error) {
	return secret0(root, env, true)
}

// Existing is Secret without creating a file: when there is no secret yet
// it returns a random one for this run only (source ""), so a dry run
// (pacer check) writes nothing.
func Existing(root, env string) (secret []byte, source string, err error) {
	secret, source, _, err = secret0(root, env, false)
	return secret, source, err
}

func secret0(root, env string, create bool) (secret []byte, source string, created bool, err error) {
	if env != "" {
		if v := os.Getenv(env); v != "" {
			return []byte(v), "$" + env, false, nil
		}
	}
	p := filepath.Join(root, filepath.FromSlash(SecretFile))
	b, err := os.ReadFile(p)
	if err == nil {
		s := strings.TrimSpace(string(b))
		if s == "" {
			return nil, SecretFile, false, fmt.Errorf("%s is empty: delete it to make a new one (every student link changes), or restore it from a backup", SecretFile)
		}
		return []byte(s), SecretFile, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, SecretFile, false, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, SecretFile, false, err
	}
	s := hex.EncodeToString(raw)
	if !create {
		return []byte(s), "", false, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, SecretFile, false, err
	}
	if err := os.WriteFile(p, []byte(s+"\n"), 0o600); err != nil {
		return nil, SecretFile, false, err
	}
	return []byte(s), SecretFile, true, nil
}

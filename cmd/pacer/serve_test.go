package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pacer-edu/pacer/engine/scaffold"
)

func TestServeServesTheStarterSiteAndStopsOnInterrupt(t *testing.T) {
	t.Setenv("PACER_SECRET", "test-secret")
	dir := filepath.Join(t.TempDir(), "course")
	if err := scaffold.Site(dir); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	var stderr strings.Builder
	code := make(chan int, 1)
	go func() {
		c, err := serveWith(ctx, []string{"-s", dir, "--port", "0"}, w, &stderr)
		if err != nil {
			t.Error(err)
		}
		w.Close()
		code <- c
	}()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	url := ""
	var students []string
	timeout := time.After(30 * time.Second)
	for url == "" || len(students) < 2 {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("pacer serve ended early; stderr:\n%s", stderr.String())
			}
			if m := regexp.MustCompile(`^serving .* at (http://127\.0\.0\.1:\d+/) `).FindStringSubmatch(l); m != nil {
				url = m[1]
			}
			if m := regexp.MustCompile(`(http://127\.0\.0\.1:\d+/s/\w+/)$`).FindStringSubmatch(l); m != nil {
				students = append(students, m[1])
			}
		case <-timeout:
			t.Fatal("no URL and student links within 30s")
		}
	}
	for _, u := range append([]string{url}, students...) {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", u, resp.StatusCode)
		}
	}
	cancel()
	go func() {
		for range lines {
		}
	}()
	if c := <-code; c != 0 {
		t.Errorf("exit code %d", c)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("pacer serve wrote public/")
	}
}

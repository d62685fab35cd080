package fm

import (
	"errors"
	"testing"
)

func TestSplitKeepsLineNumbersFromTopOfFile(t *testing.T) {
	d, err := Split([]byte("---\ntitle: x\nmore: y\n---\nbody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(d.Front) != "title: x\nmore: y\n" || d.FrontLine != 2 {
		t.Errorf("front = %q at %d", d.Front, d.FrontLine)
	}
	if string(d.Body) != "body\n" || d.BodyLine != 5 {
		t.Errorf("body = %q at %d", d.Body, d.BodyLine)
	}
}

func TestSplitErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want error
	}{
		{"", ErrEmpty},
		{"  \n\n", ErrEmpty},
		{"\xff\xfe---\n", ErrNotUTF8},
		{"title: x\n", ErrNoFront},
		{"---\ntitle: x\n", ErrUnclosed},
		{"---", ErrUnclosed},
		{"---\na\x00b\n---\n", ErrNULInText},
	} {
		if _, err := Split([]byte(tc.src)); !errors.Is(err, tc.want) {
			t.Errorf("Split(%q) = %v, want %v", tc.src, err, tc.want)
		}
	}
}

func TestSplitAcceptsCRLFAndBOM(t *testing.T) {
	d, err := Split([]byte("\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody"))
	if err != nil {
		t.Fatal(err)
	}
	if string(d.Front) != "title: x\r\n" || string(d.Body) != "body" || d.BodyLine != 4 {
		t.Errorf("got %+v", d)
	}
}

func TestSplitEmptyFrontMatter(t *testing.T) {
	d, err := Split([]byte("---\n---\n"))
	if err != nil || len(d.Front) != 0 || d.BodyLine != 3 {
		t.Errorf("got %+v, %v", d, err)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\ntitle: x\n---\nbody\n", "", "---", "---\r\n---\r\n", "title\n---\n", "\xef\xbb\xbf---\na\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Split(src)
		if err != nil {
			return
		}
		if d.FrontLine != 2 || d.BodyLine < 3 {
			t.Fatalf("bad lines %+v", d)
		}
		if len(d.Front)+len(d.Body) > len(src) {
			t.Fatalf("split grew the input")
		}
	})
}

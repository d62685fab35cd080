package browsertest

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// NewCameraPage opens a tab in a browser of its own whose camera is fake:
// getUserMedia grants it without asking and plays video, a Y4M file (see
// [WriteY4M]), in a loop. The browser stops when the test ends. Its pages
// record and are checked like [NewPage]'s.
func NewCameraPage(t testing.TB, video string) *Page {
	t.Helper()
	path := RequireChromium(t)
	opts := allocatorOptions(path,
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); allocCancel() })
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }() // no deadline: it would stop the browser
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("starting %s with a fake camera: %v", path, err)
		}
	case <-time.After(startTimeout):
		t.Fatalf("starting %s with a fake camera: no answer after %v", path, startTimeout)
	}
	return openTab(t, ctx, chromedp.WithNewBrowserContext())
}

// WriteY4M writes frames as a Y4M video (the format Chromium's fake camera
// plays) at fps frames a second: grey only (4:2:0 with neutral chroma), a
// dark pixel 16 and a light one 235 as video levels have them. Every frame
// must have the first one's size, even in both sides.
func WriteY4M(path string, fps int, frames []*image.Gray) error {
	if len(frames) == 0 {
		return fmt.Errorf("WriteY4M: no frames")
	}
	b := frames[0].Bounds()
	w, h := b.Dx(), b.Dy()
	if w%2 != 0 || h%2 != 0 {
		return fmt.Errorf("WriteY4M: %dx%d is not even", w, h)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", w, h, fps)
	chroma := make([]byte, w*h/4)
	for i := range chroma {
		chroma[i] = 128
	}
	row := make([]byte, w)
	for _, fr := range frames {
		if fr.Bounds().Dx() != w || fr.Bounds().Dy() != h {
			f.Close()
			return fmt.Errorf("WriteY4M: a frame is %v, not %dx%d", fr.Bounds(), w, h)
		}
		io.WriteString(bw, "FRAME\n")
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				row[x] = byte(16 + int(fr.GrayAt(fr.Rect.Min.X+x, fr.Rect.Min.Y+y).Y)*219/255)
			}
			bw.Write(row)
		}
		bw.Write(chroma)
		bw.Write(chroma)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

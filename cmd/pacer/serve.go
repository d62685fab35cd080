package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/pacer-edu/pacer/engine/serve"
)

// defaultPort is the first port pacer serve tries.
const defaultPort = 8484

func serveCmd(args []string, stdout, stderr io.Writer) (int, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveWith(ctx, args, stdout, stderr)
}

// serveWith runs the dev server until ctx is done.
func serveWith(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := flags("serve", "serve [-s DIR] [--port N] [--receipts DIR]", stderr)
	dir := fs.String("s", ".", "site `folder` (holding site.yaml)")
	port := fs.Int("port", defaultPort, "first `port` to try on 127.0.0.1; the next ones are tried when it is taken (0: any free port)")
	poll := fs.Bool("poll", false, "look for changes every half second instead of asking the system (for network drives)")
	receipts := fs.String("receipts", "", "`folder` of hand-in receipts to merge into each student's page, watched for new ones (default: students.receipts in site.yaml)")
	if err := parse(fs, args, stderr); err != nil {
		return 2, err
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "pacer serve: --port %d is not a port number (1 to 65535, or 0 for any free port)\n", *port)
		return 2, errUsage
	}
	srv, err := serve.Start(serve.Options{Root: *dir, Port: *port, Log: stdout, Receipts: *receipts, Watch: serve.WatchOptions{ForcePoll: *poll}})
	if err != nil {
		return 1, err
	}
	return 0, srv.Run(ctx)
}

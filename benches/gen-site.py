#!/usr/bin/env python3
"""Generate a blog site (Docusaurus, Jekyll or Hugo) for benchmarking postlint.

    python3 benches/gen-site.py --posts 10000 --out /tmp/site --seed 42
    python3 benches/gen-site.py --posts 10000 --out /tmp/site --preset jekyll

The output is a pure function of --posts and --seed (and of this file): two runs
with the same arguments give byte-identical trees. Only the Python 3 standard
library is used.

What it writes under --out:

    docusaurus.config.js          minimal config, so postlint detects the preset
    blog/authors.yml              author registry
    blog/tags.yml                 tag registry
    blog/YYYY-MM-DD-slug.md       the posts, 3-10 KB each, ~6.4 KB on average
    static/img/blog/...           tiny placeholder images (only the referenced ones)
    gen-site.json                 what was generated (written last: its presence
                                  means the site is complete)

Posts mix Korean and English prose and use what real blog posts use: front
matter, headings (Korean ones, repeated ones, explicit `{#id}` ones), fenced
code, inline code, GFM tables (with `<br>` in cells), lists, blockquotes,
admonitions, links to other posts (`./file.md`, `/blog/slug`, `#anchor`),
external links, images (`../static/...`, `/img/...`, `<img>`, reference-style),
reference-style links with definitions, and `<br>` at line ends in the posts
of authors who have that habit. About 1 % of local references are deliberately
broken (missing image, dead link, dead anchor, undefined reference, ...) so
that postlint has diagnostics to report; gen-site.json counts them.

With --preset jekyll or hugo the same posts are written the way that generator's
users write them (the Docusaurus site is unchanged by the option):

    jekyll: _config.yml (permalink /blog/:year/:month/:day/:title/, kramdown GFM),
            _data/authors.yml, _posts/YYYY-MM-DD-slug.md, images under
            assets/img/blog/, links as {% post_url %} or the post's route,
            <!--more--> excerpts, no `slug` in the year/slug form
    hugo:   hugo.toml (raw HTML kept, authors and tags taxonomies),
            content/blog/YYYY-MM-DD-slug.md, 30 % of them with TOML (+++) front
            matter, images under static/img/blog/, links as {{< ref >}} or the
            post's route, <!--more--> excerpts
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import re
import shutil
import struct
import sys
import unicodedata
import zlib
from urllib.parse import quote

GEN_VERSION = 1
PRESETS = ("docusaurus", "jekyll", "hugo")
# Set by main(): which generator's conventions the site follows.
PRESET = "docusaurus"
# Where the posts go, per preset.
POSTS_DIR = {"docusaurus": "blog", "jekyll": "_posts", "hugo": "content/blog"}
# Where the images go (and the site-absolute path they are linked by).
IMAGES_DIR = {"docusaurus": "static/img/blog", "jekyll": "assets/img/blog", "hugo": "static/img/blog"}
IMAGES_URL = {"docusaurus": "/img/blog/", "jekyll": "/assets/img/blog/", "hugo": "/img/blog/"}

# Target post size in bytes: triangular(low, high, mode) has mean (low+high+mode)/3.
# The generator overshoots its target by a little, hence the mode below 6400.
SIZE_MIN, SIZE_MAX, SIZE_MODE = 3000, 10000, 6000
BROKEN_RATE = 0.01  # share of local references that are deliberately broken

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

TOPICS = [
    dict(key="airflow", name="Airflow", tags=["airflow", "data-engineering", "python"],
         terms=["Airflow", "DAG", "스케줄러", "태스크", "XCom", "CeleryExecutor", "KubernetesPodOperator",
                "backfill", "메타데이터 DB", "Pool", "Sensor", "웹서버"],
         code=["max_active_runs", "catchup=False", "airflow dags test", "dag_id", "AIRFLOW__CORE__PARALLELISM",
               "@daily", "depends_on_past", "airflow db upgrade", "schedule_interval"],
         langs=["python", "bash", "yaml"],
         title_en=["Upgrading Airflow to {v} without downtime", "What we learned running {n} Airflow DAGs",
                   "Airflow sensors are not free", "Backfilling a year of data with Airflow"],
         title_ko=["Airflow {v} 업그레이드 회고", "Airflow 스케줄러 병목 줄이기", "DAG {n}개를 운영하며 배운 것",
                   "Airflow 센서, 이렇게 쓰면 안 된다", "KubernetesPodOperator 삽질기"],
         slug=["airflow-upgrade", "airflow-scheduler", "airflow-dags", "airflow-sensors", "airflow-k8s"],
         urls=["https://airflow.apache.org/docs/apache-airflow/stable/index.html",
               "https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/dags.html",
               "https://airflow.apache.org/docs/apache-airflow/stable/faq.html",
               "https://github.com/apache/airflow/issues/{n}",
               "https://github.com/apache/airflow/pull/{n}"]),
    dict(key="spark", name="Spark", tags=["spark", "data-engineering", "performance"],
         terms=["Spark", "셔플", "파티션", "executor", "드라이버", "AQE", "broadcast join", "DataFrame", "캐시", "스테이지"],
         code=["spark.sql.shuffle.partitions", "repartition(200)", "df.explain()", "spark-submit",
               "spark.executor.memory", "persist()", "coalesce(1)"],
         langs=["python", "scala", "sql", "bash"],
         title_en=["How we cut our Spark job time by {p}%", "Spark shuffle partitions, explained",
                   "Skewed joins in Spark and what to do about them"],
         title_ko=["Spark 잡 실행 시간 {p}% 줄이기", "Spark 셔플 파티션 튜닝 가이드", "데이터 스큐와의 싸움",
                   "Spark AQE 켜고 생긴 일"],
         slug=["spark-tuning", "spark-shuffle", "spark-skew", "spark-aqe"],
         urls=["https://spark.apache.org/docs/latest/sql-performance-tuning.html",
               "https://spark.apache.org/docs/latest/tuning.html",
               "https://issues.apache.org/jira/browse/SPARK-{n}"]),
    dict(key="kafka", name="Kafka", tags=["kafka", "streaming", "data-engineering"],
         terms=["Kafka", "컨슈머 랙", "파티션", "브로커", "오프셋", "컨슈머 그룹", "리밸런싱", "토픽", "Schema Registry"],
         code=["max.poll.records", "enable.auto.commit", "kafka-consumer-groups.sh", "acks=all",
               "session.timeout.ms", "linger.ms"],
         langs=["java", "bash", "yaml", "python"],
         title_en=["Taming Kafka consumer lag", "Kafka rebalancing storms and how we stopped them",
                   "Exactly-once with Kafka: a field report"],
         title_ko=["Kafka 컨슈머 랙 줄이기: 파티션 재분배 삽질기", "Kafka 리밸런싱 폭풍 잡기",
                   "Kafka 브로커 {n}대 운영기"],
         slug=["kafka-consumer-lag", "kafka-rebalancing", "kafka-ops"],
         urls=["https://kafka.apache.org/documentation/#consumerconfigs",
               "https://kafka.apache.org/documentation/#producerconfigs",
               "https://issues.apache.org/jira/browse/KAFKA-{n}"]),
    dict(key="kubernetes", name="Kubernetes", tags=["kubernetes", "devops", "infra"],
         terms=["Kubernetes", "파드", "HPA", "노드", "Ingress", "Helm 차트", "ConfigMap", "리소스 리밋", "OOMKilled",
                "readinessProbe"],
         code=["kubectl get pods -A", "kubectl describe pod", "resources.limits.memory", "helm upgrade --install",
               "terminationGracePeriodSeconds", "kubectl rollout restart"],
         langs=["yaml", "bash"],
         title_en=["Why our pods kept getting OOMKilled", "Kubernetes HPA in practice",
                   "Moving {n} services to Kubernetes"],
         title_ko=["파드가 자꾸 OOMKilled 되는 이유", "HPA 제대로 설정하기", "서비스 {n}개를 Kubernetes로 옮긴 이야기",
                   "Helm 차트 관리 방법 정리"],
         slug=["k8s-oomkilled", "k8s-hpa", "k8s-migration", "helm-charts"],
         urls=["https://kubernetes.io/docs/concepts/workloads/pods/",
               "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/",
               "https://github.com/kubernetes/kubernetes/issues/{n}"]),
    dict(key="rust", name="Rust", tags=["rust", "performance"],
         terms=["Rust", "borrow checker", "트레이트", "라이프타임", "async", "tokio", "rayon", "Cargo", "매크로", "unsafe"],
         code=["cargo build --release", "Arc<Mutex<T>>", "impl Trait", "#[derive(Debug)]", "cargo clippy",
               "Result<T, E>", "?"],
         langs=["rust", "toml", "bash"],
         title_en=["Rewriting a Python CLI in Rust", "What the borrow checker taught me",
                   "Parallel file processing with rayon"],
         title_ko=["Python CLI를 Rust로 다시 짜 보기", "Rust 라이프타임 이해하기", "rayon으로 병렬 처리하기",
                   "Rust 입문 {n}주차 회고"],
         slug=["rust-rewrite", "rust-lifetimes", "rust-rayon", "rust-journey"],
         urls=["https://doc.rust-lang.org/book/ch16-00-concurrency.html",
               "https://doc.rust-lang.org/std/sync/struct.Arc.html",
               "https://docs.rs/rayon/latest/rayon/",
               "https://github.com/rust-lang/rust/issues/{n}"]),
    dict(key="python", name="Python", tags=["python", "tutorial"],
         terms=["Python", "asyncio", "GIL", "가상환경", "타입 힌트", "pytest", "제너레이터", "데코레이터", "uv", "poetry"],
         code=["asyncio.gather", "pip install -e .", "pytest -x", "from __future__ import annotations",
               "python -m venv .venv", "functools.lru_cache", "__init__.py"],
         langs=["python", "bash", "toml"],
         title_en=["asyncio pitfalls I keep running into", "Type hints in a large Python codebase",
                   "Speeding up our test suite {n}x"],
         title_ko=["asyncio 제대로 쓰기", "파이썬 타입 힌트 도입기", "테스트 {n}배 빠르게 만들기",
                   "파이썬 패키지 관리, 이제는 uv로"],
         slug=["python-asyncio", "python-typing", "faster-tests", "python-uv"],
         urls=["https://docs.python.org/3/library/asyncio.html", "https://docs.python.org/3/library/typing.html",
               "https://peps.python.org/pep-0{n3}/", "https://docs.pytest.org/en/stable/"]),
    dict(key="postgres", name="PostgreSQL", tags=["postgresql", "database", "performance"],
         terms=["PostgreSQL", "인덱스", "쿼리 플랜", "VACUUM", "커넥션 풀", "파티셔닝", "WAL", "복제 지연", "락"],
         code=["EXPLAIN ANALYZE", "CREATE INDEX CONCURRENTLY", "pg_stat_statements", "work_mem",
               "VACUUM (VERBOSE)", "max_connections"],
         langs=["sql", "bash"],
         title_en=["The index that saved our database", "Reading PostgreSQL query plans",
                   "Partitioning a {n} GB table"],
         title_ko=["느린 쿼리 하나가 서비스를 멈춘 날", "PostgreSQL 쿼리 플랜 읽는 법", "{n}GB 테이블 파티셔닝하기",
                   "VACUUM 이해하기"],
         slug=["postgres-index", "postgres-explain", "postgres-partitioning", "postgres-vacuum"],
         urls=["https://www.postgresql.org/docs/current/using-explain.html",
               "https://www.postgresql.org/docs/current/routine-vacuuming.html",
               "https://www.postgresql.org/docs/current/ddl-partitioning.html"]),
    dict(key="react", name="React", tags=["react", "frontend", "javascript"],
         terms=["React", "useEffect", "상태 관리", "리렌더링", "Suspense", "컴포넌트", "번들 크기", "SSR", "hydration"],
         code=["useEffect", "useMemo", "React.memo", "npm run build", "key={id}", "useState"],
         langs=["jsx", "tsx", "javascript", "bash"],
         title_en=["You might not need that useEffect", "Cutting our bundle size in half",
                   "Server rendering, one year later"],
         title_ko=["useEffect 줄이기", "번들 크기 절반으로 줄이기", "리렌더링 최적화 경험 공유",
                   "SSR 도입 1년 회고"],
         slug=["react-useeffect", "bundle-size", "react-rerender", "react-ssr"],
         urls=["https://react.dev/learn/you-might-not-need-an-effect", "https://react.dev/reference/react/useMemo",
               "https://developer.mozilla.org/en-US/docs/Web/JavaScript", "https://github.com/facebook/react/issues/{n}"]),
    dict(key="docusaurus", name="Docusaurus", tags=["docusaurus", "blog", "frontend"],
         terms=["Docusaurus", "블로그", "MDX", "사이드바", "front matter", "플러그인", "검색", "빌드 시간"],
         code=["npm run start", "docusaurus.config.js", "<!-- truncate -->", "blog/authors.yml", "slug", "onBrokenLinks"],
         langs=["javascript", "bash", "yaml", "md"],
         title_en=["Moving our blog to Docusaurus", "Docusaurus build times at {n} posts"],
         title_ko=["블로그를 Docusaurus로 옮긴 이야기", "Docusaurus 블로그 설정 정리", "글 {n}개에서 빌드가 느려질 때"],
         slug=["docusaurus-migration", "docusaurus-blog", "docusaurus-build"],
         urls=["https://docusaurus.io/docs/blog", "https://docusaurus.io/docs/markdown-features",
               "https://github.com/facebook/docusaurus/issues/{n}"]),
    dict(key="career", name="Career", tags=["retrospective", "career"],
         terms=["회고", "온보딩", "코드 리뷰", "1on1", "이직", "사이드 프로젝트", "문서화", "온콜"],
         code=["git log --oneline", "git rebase -i", "TODO", "README.md"],
         langs=["bash", "markdown"],
         title_en=["{y} in review", "Things I wish I knew as a junior engineer", "Writing design docs that get read"],
         title_ko=["{y}년 회고", "주니어 개발자에게 해 주고 싶은 이야기", "코드 리뷰 문화 만들기", "온콜 {n}주 후기"],
         slug=["year-in-review", "junior-advice", "code-review", "oncall"],
         urls=["https://martinfowler.com/articles/ship-show-ask.html", "https://google.github.io/eng-practices/review/",
               "https://en.wikipedia.org/wiki/Retrospective"]),
    dict(key="observability", name="Observability", tags=["observability", "devops", "infra"],
         terms=["Prometheus", "Grafana", "알림", "트레이싱", "로그 수집", "SLO", "메트릭", "카디널리티"],
         code=["rate(http_requests_total[5m])", "histogram_quantile", "scrape_interval", "alertmanager.yml"],
         langs=["yaml", "promql", "bash"],
         title_en=["Alerts that wake people up for a reason", "High-cardinality metrics hurt"],
         title_ko=["알림 피로도 줄이기", "Prometheus 카디널리티 문제 해결기", "SLO 처음 도입해 보기"],
         slug=["alerting", "prometheus-cardinality", "slo-intro"],
         urls=["https://prometheus.io/docs/practices/naming/", "https://grafana.com/docs/grafana/latest/",
               "https://sre.google/sre-book/monitoring-distributed-systems/"]),
    dict(key="git", name="Git", tags=["git", "tooling"],
         terms=["Git", "브랜치 전략", "pre-commit", "CI", "GitHub Actions", "모노레포", "커밋 메시지", "머지 충돌"],
         code=["git bisect", "pre-commit run --all-files", ".github/workflows/ci.yml", "git worktree add",
               "git commit --amend"],
         langs=["bash", "yaml"],
         title_en=["git bisect saved my week", "pre-commit hooks that people keep enabled"],
         title_ko=["git bisect로 버그 찾기", "pre-commit 훅 도입기", "GitHub Actions 캐시 제대로 쓰기",
                   "모노레포 {n}개월 사용 후기"],
         slug=["git-bisect", "pre-commit", "gha-cache", "monorepo"],
         urls=["https://git-scm.com/docs/git-bisect", "https://pre-commit.com/",
               "https://docs.github.com/en/actions/using-workflows/caching-dependencies-to-speed-up-workflows"]),
]

GENERIC_TAGS = ["til", "debugging", "architecture", "korean", "opinion", "release-notes"]

AUTHORS = [
    ("minsu", "김민수", "Data Engineer"), ("seoyeon", "이서연", "Backend Engineer"),
    ("jihoon", "박지훈", "SRE"), ("yuna", "최유나", "Frontend Engineer"),
    ("hyunwoo", "정현우", "Engineering Manager"), ("sora", "Sora Han", "Data Scientist"),
    ("dkim", "Daniel Kim", "Staff Engineer"), ("jlee", "Jane Lee", "Platform Engineer"),
    ("taeyang", "오태양", "DevOps Engineer"), ("eunji", "강은지", "ML Engineer"),
    ("alex", "Alex Park", "Developer Advocate"), ("haneul", "윤하늘", "Tech Lead"),
]

KO_SENTENCES = [
    "{T:은} 생각보다 설정할 것이 많았다.",
    "처음에는 {T:이} 원인이라고 생각했지만, 실제로는 {U:이} 문제였다.",
    "{T:을} 도입한 뒤 배포 시간이 {N}분에서 {M}분으로 줄었다.",
    "이번 글에서는 {T:을} 운영하면서 겪은 문제와 해결 과정을 정리해 보려고 한다.",
    "{C} 옵션을 켜면 {T:이} 훨씬 안정적으로 동작한다.",
    "운영 환경에서는 {T:와} {U:을} 함께 쓰는 경우가 많다.",
    "공식 문서에는 잘 나와 있지 않지만, {C} 값을 바꾸면 동작이 달라진다.",
    "결과적으로 처리량이 약 {P}% 늘었다.",
    "솔직히 말하면 이 부분에서 이틀 정도 삽질을 했다.",
    "{T}의 로그를 보면 같은 에러가 반복해서 찍히고 있었다.",
    "팀 내부에서도 {T:을} 계속 쓸지에 대해 의견이 갈렸다.",
    "로컬에서는 재현되지 않았고, 스테이징 환경에서만 간헐적으로 실패했다.",
    "이 방식의 단점은 {T:이} 늘어날수록 관리 비용도 함께 늘어난다는 점이다.",
    "자세한 내용은 {L}에서 확인할 수 있다.",
    "배경 지식이 필요하다면 {L:을} 먼저 읽어 보는 것을 추천한다.",
    "다행히 {T} {V} 버전부터는 이 문제가 수정되었다.",
    "모니터링 대시보드에서 {T} 지표를 확인해 보니 {N}초마다 스파이크가 있었다.",
    "핵심은 {T:을} 작게 나누고, 각 단계를 독립적으로 재시도할 수 있게 만드는 것이다.",
    "{C:을} 실행하면 다음과 같은 결과를 볼 수 있다.",
    "아래 표는 변경 전후의 수치를 비교한 것이다.",
    "물론 모든 상황에 맞는 정답은 없다.",
    "다음 글에서는 {U:을} 조금 더 깊게 다뤄 보겠다.",
    "{T:은} 기본값으로 두어도 대부분 문제가 없다.",
    "하지만 트래픽이 몰리는 시간대에는 이야기가 달라진다.",
    "이 설정은 {T} 문서의 FAQ 항목에도 짧게 언급되어 있다.",
    "테스트 코드를 먼저 작성해 두니 리팩터링이 한결 수월했다.",
    "{N}개의 노드로 시작했지만 지금은 {M}개까지 늘어났다.",
    "{T}에서 {U:으로} 옮기는 작업은 생각보다 오래 걸렸다.",
    "리뷰어가 지적한 부분을 반영해 코드를 다시 정리했다.",
    "장애 당시의 타임라인을 간단히 정리하면 다음과 같다.",
    "{T:와} 관련된 이슈는 GitHub에도 여러 개 올라와 있다.",
    "사실 이 글을 쓰게 된 계기도 이 문제 때문이다.",
    "한 줄 요약: {T:은} 편하지만 공짜는 아니다.",
    "캐시를 적용하자 응답 시간이 평균 {N}ms에서 {M}ms로 떨어졌다.",
    "설정 파일은 {C}에 두었다.",
    "이렇게 하면 {T:이} 재시작되어도 상태가 그대로 유지된다.",
    "같은 문제를 겪는 분들이 꽤 많은 것 같아서 기록으로 남긴다.",
    "{T:을} 쓰기 전에는 매일 아침 수동으로 확인하는 작업이 있었다.",
    "이 과정에서 **가장 중요했던 것은 재현 가능한 환경**이었다.",
    "지금 돌아보면 *처음부터 측정을 했어야* 했다.",
    "{U:은} 이번 범위에서 제외했다.",
    "관련 PR은 {L}에 정리해 두었다.",
    "결국 {C} 한 줄을 고치는 것으로 끝났다.",
    "비용 측면에서도 한 달에 약 {N}만 원 정도를 아낄 수 있었다.",
    "이 부분은 {A}에서 다시 설명한다.",
]

EN_SENTENCES = [
    "We started using {T} about {N} months ago.",
    "At first I assumed {T} was the bottleneck, but it turned out to be {U}.",
    "Setting {C} fixed the problem for us.",
    "The official docs cover this, but only briefly.",
    "Throughput went up by roughly {P}% after the change.",
    "This is where most of the debugging time went.",
    "If you run {T} in production, you will probably hit this sooner or later.",
    "See {L} for the full details.",
    "The trick is to keep each step small and idempotent.",
    "Our {T} setup grew from {N} to {M} nodes in a year.",
    "Running {C} shows the current state.",
    "In hindsight, we should have measured before optimizing.",
    "The table below compares the numbers before and after.",
    "None of this is specific to {T}; the same idea applies to {U}.",
    "I wrote about the first part of this in {L}.",
    "Latency dropped from {N} ms to {M} ms at the 99th percentile.",
    "The failure only showed up under load, never locally.",
    "It is tempting to tune {C} first, but that rarely helps.",
    "Version {V} of {T} changed the default behaviour.",
    "We rolled the change out gradually, one service at a time.",
    "Here is the configuration we ended up with.",
    "Nothing fancy, but it has been **stable for months**.",
    "The root cause was a single missing index.",
    "Your mileage may vary, of course.",
    "Most of the work was in the migration, not in the code.",
    "{T} and {U} solve slightly different problems.",
    "After the upgrade, memory usage went up by about {P}%.",
    "We keep the config in {C}, next to the code.",
    "The next post will dig into {U}.",
    "This made on-call *noticeably* quieter.",
    "More on that in {A} below.",
    "The relevant discussion is in {L}.",
]

LINK_TEXT_KO = ["이전 글", "지난 글", "여기", "이 글", "관련 글", "예전에 쓴 글", "1편", "정리한 글"]
LINK_TEXT_EN = ["the previous post", "an earlier post", "this post", "here", "part one", "my notes"]
EXT_TEXT_KO = ["공식 문서", "관련 이슈", "문서", "이 링크", "원문", "참고 자료"]
EXT_TEXT_EN = ["the official docs", "the docs", "this issue", "the upstream issue", "the changelog", "this article"]
ANCHOR_TEXT_KO = ["아래", "앞에서", "해당 절", "이 부분", "위의 설명"]
ANCHOR_TEXT_EN = ["below", "the section above", "that section", "later on"]

H2_KO = ["배경", "문제 상황", "설치 방법", "구성", "동작 원리", "결과", "성능 비교", "삽질 기록", "원인 분석",
         "해결 방법", "트러블슈팅", "다음 단계", "회고", "느낀 점", "주의할 점", "정리하며"]
H2_EN = ["Background", "Motivation", "Setup", "Installation", "How it works", "Results", "Benchmarks",
         "Troubleshooting", "The fix", "Lessons learned", "What's next", "Why not something else?", "Wrapping up"]
H2_TEMPLATES = ["{T} 설정하기", "Step {n}: {T} 설치", "{T:와} {U} 비교", "Why {T}?", "`{C}` 옵션 살펴보기",
                "{T} 모니터링", "(선택) {T} 튜닝", "v{v} → v{v2} 마이그레이션", "{T} vs {U}", "Q&A",
                "{n}. {T} 준비"]
H3_KO = ["예시", "원인", "해결", "주의", "설정 파일", "결과", "참고", "팁", "배운 점"]
H3_EN = ["Example", "Option A", "Option B", "Caveats", "Config", "Result", "Notes", "Why it works"]

QUOTE_KO = ["측정하지 않으면 개선할 수 없다.", "일단 동작하게 만들고, 그다음에 빠르게 만들어라.",
            "문서는 코드보다 오래 산다.", "장애는 항상 금요일 오후에 난다.",
            "가장 좋은 코드는 작성하지 않은 코드다."]
QUOTE_EN = ["Premature optimization is the root of all evil.", "Make it work, make it right, make it fast.",
            "There are only two hard things in computer science: cache invalidation and naming things.",
            "It's always DNS.", "Weeks of coding can save you hours of planning."]

TABLE_HEADERS = [
    ["항목", "Before", "After"], ["Option", "Default", "설명"], ["설정", "값", "비고"],
    ["Metric", "p50", "p95", "p99"], ["버전", "릴리스 날짜", "주요 변경"], ["Tool", "장점", "단점"],
    ["Environment", "Nodes", "Cost / month"],
]
CELL_WORDS_KO = ["기본값", "권장", "사용 안 함", "빠름", "느림", "안정적", "실험적", "필수", "선택", "없음",
                 "메모리 사용량 증가", "설정이 간단함", "운영 부담 큼"]
CELL_WORDS_EN = ["default", "recommended", "disabled", "fast", "slow", "stable", "experimental", "required",
                 "optional", "n/a", "higher memory", "simple setup"]
LIST_ITEMS_KO = ["로그 레벨을 `DEBUG`로 올린다", "재시도 횟수를 {N}회로 제한한다", "{T} 설정을 백업한다",
                 "스테이징에서 먼저 검증한다", "알림 채널을 분리한다", "대시보드에 {T} 패널을 추가한다",
                 "릴리스 노트를 확인한다", "롤백 절차를 문서로 남긴다", "{C} 값을 확인한다",
                 "불필요한 {T:을} 정리한다"]
LIST_ITEMS_EN = ["Bump the log level to `DEBUG`", "Limit retries to {N}", "Back up the {T} config",
                 "Try it on staging first", "Split the alert channels", "Add a {T} panel to the dashboard",
                 "Read the release notes", "Write down the rollback steps", "Check {C}"]
ALT_KO = ["아키텍처 다이어그램", "대시보드 스크린샷", "변경 전후 비교 그래프", "설정 화면", "에러 로그 화면",
          "전체 흐름도", "처리량 그래프"]
ALT_EN = ["architecture diagram", "dashboard screenshot", "before and after", "settings page", "error log",
          "overall flow", "throughput graph"]
DESC_KO = ["{T} 운영 경험을 정리했습니다.", "{T:와} {U:을} 비교해 봤습니다.", "{T} 도입 과정에서 겪은 문제와 해결 방법.",
           "삽질의 기록."]
DESC_EN = ["Notes from running {T} in production.", "A short comparison of {T} and {U}.",
           "What went wrong, and how we fixed it."]

CODE_SNIPPETS = {
    "python": [
        "from datetime import datetime\n\nfrom airflow import DAG\nfrom airflow.operators.bash import BashOperator\n\n"
        "with DAG(\n    dag_id=\"{name}\",\n    start_date=datetime(2022, 1, 1),\n    schedule=\"@daily\",\n"
        "    catchup=False,\n    max_active_runs={n},\n) as dag:\n    extract = BashOperator(task_id=\"extract\", "
        "bash_command=\"python extract.py --date {{{{ ds }}}}\")\n    load = BashOperator(task_id=\"load\", "
        "bash_command=\"python load.py\")\n    extract >> load\n",
        "import asyncio\n\n\nasync def fetch(session, url):\n    async with session.get(url) as resp:\n"
        "        return await resp.text()\n\n\nasync def main(urls):\n    # 동시에 최대 {n}개까지만 요청한다\n"
        "    sem = asyncio.Semaphore({n})\n    async with sem:\n        return await asyncio.gather(*(fetch(s, u) for u in urls))\n",
        "def {name}(rows):\n    \"\"\"Return rows grouped by key. See [docs](missing-in-code.md).\"\"\"\n    out = {{}}\n"
        "    for row in rows:\n        out.setdefault(row[\"key\"], []).append(row)\n    return out\n",
        "html = \"<p>first line<br>second line</p>\"  # <br> inside code is fine\nprint(html.replace(\"<br>\", \"\\n\"))\n",
    ],
    "bash": [
        "$ kubectl get pods -n {name}\nNAME                         READY   STATUS      RESTARTS   AGE\n"
        "{name}-7d9f8c6b5-x2k4p   1/1     Running     0          {n}m\n{name}-7d9f8c6b5-q8w3z   0/1     OOMKilled   {n2}          {n}m\n",
        "# 로컬에서 재현하기\ngit clone https://github.com/example/{name}.git\ncd {name}\nmake build && ./bin/{name} --help\n",
        "#!/usr/bin/env bash\nset -euo pipefail\n\nfor f in blog/*.md; do\n  grep -n '<br>' \"$f\" || true\ndone\n",
        "cargo build --release\n./target/release/{name} --jobs {n} ./data\n",
        "export AIRFLOW__CORE__PARALLELISM={n}\nairflow dags test {name} 2022-11-10\n",
    ],
    "yaml": [
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: {n}\n  template:\n"
        "    spec:\n      containers:\n        - name: app\n          image: registry.example.com/{name}:1.{n}.0\n"
        "          resources:\n            limits:\n              memory: {n}00Mi\n            requests:\n              cpu: 250m\n",
        "# .pre-commit-config.yaml\nrepos:\n  - repo: local\n    hooks:\n      - id: {name}\n        name: {name}\n"
        "        entry: {name} check\n        language: system\n        files: ^blog/.*\\.md$\n",
        "groups:\n  - name: {name}\n    rules:\n      - alert: HighErrorRate\n        expr: rate(errors_total[5m]) > 0.{n}\n"
        "        for: 10m\n        labels:\n          severity: page\n",
    ],
    "sql": [
        "EXPLAIN ANALYZE\nSELECT u.id, count(*) AS orders\nFROM users u\nJOIN orders o ON o.user_id = u.id\n"
        "WHERE o.created_at >= now() - interval '{n} days'\nGROUP BY u.id\nORDER BY orders DESC\nLIMIT 20;\n",
        "CREATE INDEX CONCURRENTLY idx_{name}_created_at\n    ON {name} (created_at);\n\n-- 인덱스 생성 후 통계 갱신\nANALYZE {name};\n",
        "SELECT date_trunc('day', ts) AS day, avg(latency_ms)\nFROM requests\nWHERE service = '{name}'\nGROUP BY 1\nORDER BY 1;\n",
    ],
    "rust": [
        "use rayon::prelude::*;\n\nfn lint_all(paths: &[PathBuf]) -> Vec<Diagnostic> {\n    paths\n        .par_iter()\n"
        "        .flat_map(|p| lint_one(p).unwrap_or_default())\n        .collect()\n}\n",
        "#[derive(Debug, Clone)]\nstruct {Name} {\n    id: u64,\n    name: String,\n}\n\nimpl {Name} {\n"
        "    fn new(id: u64) -> Self {\n        Self { id, name: format!(\"item-{{id}}\") }\n    }\n}\n",
        "fn main() -> Result<(), Box<dyn std::error::Error>> {\n    let text = std::fs::read_to_string(\"{name}.md\")?;\n"
        "    // [not a link](./nope.md) and ![not an image](x.png) inside code\n    println!(\"{{}}\", text.len());\n    Ok(())\n}\n",
    ],
    "scala": ["val df = spark.read.parquet(\"s3://bucket/{name}/\")\n  .repartition({n})\n  .filter($\"event_date\" === \"2022-11-10\")\n"
              "df.write.mode(\"overwrite\").parquet(\"s3://bucket/{name}_out/\")\n"],
    "java": ["Properties props = new Properties();\nprops.put(\"bootstrap.servers\", \"kafka:9092\");\n"
             "props.put(\"group.id\", \"{name}\");\nprops.put(\"max.poll.records\", \"{n}\");\n"
             "KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);\n"],
    "toml": ["[package]\nname = \"{name}\"\nversion = \"0.{n}.0\"\nedition = \"2021\"\n\n[dependencies]\nrayon = \"1\"\n"
             "serde = {{ version = \"1\", features = [\"derive\"] }}\n"],
    "javascript": ["// docusaurus.config.js\nmodule.exports = {\n  title: '{Name}',\n  url: 'https://example.com',\n"
                   "  onBrokenLinks: 'throw',\n  presets: [['classic', { blog: { showReadingTime: true } }]],\n};\n",
                   "const lines = text.split('<br>');\nconsole.log(`${{lines.length}} lines`);\n"],
    "jsx": ["export default function {Name}({{ items }}) {\n  return (\n    <ul>\n      {{items.map((it) => (\n"
            "        <li key={{it.id}}>{{it.title}}<br /></li>\n      ))}}\n    </ul>\n  );\n}\n"],
    "tsx": ["type Props = {{ id: string; count: number }};\n\nexport function {Name}({{ id, count }}: Props) {\n"
            "  const total = useMemo(() => count * {n}, [count]);\n  return <span id={{id}}>{{total}}</span>;\n}\n"],
    "promql": ["histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{job=\"{name}\"}}[5m])))\n"],
    "markdown": ["## TODO\n\n- [ ] {name} 정리\n- [x] 회고 작성\n\n[링크][undefined-in-code]\n"],
    "md": ["---\nslug: {name}\ntitle: 예시 글\nauthors: [minsu]\n---\n\n요약 문단.\n\n<!-- truncate -->\n\n본문<br>\n"],
}
NAME_WORDS = ["orders", "events", "billing", "search", "ingest", "report", "user_sessions", "payments", "metrics"]

# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

_ABBR_BATCHIM = set("LMNR")
_DIGIT_BATCHIM = set("013678")


def mdx_br(tag):
    """`tag` as the site's users write it: Docusaurus compiles posts as MDX, where a `<br>` must
    be closed (`<br />`) and tag names are case-sensitive, so its users write `<br />` or
    `<br/>`; the other generators take any HTML spelling."""
    if PRESET != "docusaurus" or tag.endswith("/>"):
        return tag
    return "<br />"


def has_batchim(word):
    """Whether the Korean reading of `word` ends in a final consonant (for particles)."""
    w = word.rstrip("`*_)]}'\" .!?")
    if not w:
        return False
    c = w[-1]
    if "\uac00" <= c <= "\ud7a3":
        return (ord(c) - 0xAC00) % 28 != 0
    if c.isdigit():
        return c in _DIGIT_BATCHIM
    if c.isupper():
        return c in _ABBR_BATCHIM
    return c in "bgklmnpt"


def rieul_final(word):
    w = word.rstrip("`*_)]}'\" .!?")
    if w and "\uac00" <= w[-1] <= "\ud7a3":
        return (ord(w[-1]) - 0xAC00) % 28 == 8
    return w.endswith("l")


PARTICLES = {"은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "와": ("과", "와")}


def particle(word, p):
    if p == "으로":
        return "로" if (not has_batchim(word) or rieul_final(word)) else "으로"
    a, b = PARTICLES[p]
    return a if has_batchim(word) else b


def gh_slug_text(value):
    """github-slugger's slug() without the collision counter."""
    out = []
    for ch in value.lower():
        if ch == " " or ch == "-":
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "LM" or cat in ("Nd", "Nl", "Pc"):
            out.append(ch)
    return "".join(out).replace(" ", "-")


class Slugger:
    """github-slugger's BananaSlug: repeated slugs get -1, -2, ..."""

    def __init__(self):
        self.occ = {}

    def slug(self, text):
        s = gh_slug_text(text)
        orig = s
        while s in self.occ:
            self.occ[orig] += 1
            s = f"{orig}-{self.occ[orig]}"
        self.occ[s] = 0
        return s


def heading_plain(md):
    """Text content of a heading written in Markdown (only backticks are used)."""
    return md.replace("`", "")


def ascii_slug(text):
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def yaml_str(rng, s):
    """A YAML scalar for s: plain when safe, else quoted (sometimes quoted anyway)."""
    risky = (": " in s or " #" in s or s[:1] in "!&*[]{}|>'\"%@`#,?-" or s.endswith(":")
             or s.lower() in ("yes", "no", "true", "false", "null", "on", "off"))
    if risky or rng.random() < 0.25:
        if "'" not in s and rng.random() < 0.3:
            return "'" + s + "'"
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def png_bytes(seed_int):
    """A valid 1x1 PNG whose colour depends on seed_int."""
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    r, g, b = (seed_int * 73) % 256, (seed_int * 151) % 256, (seed_int * 199) % 256
    raw = bytes([0, r, g, b])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def placeholder(path_rel, idx):
    if path_rel.endswith(".png"):
        return png_bytes(idx)
    if path_rel.endswith(".svg"):
        return ('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
                f'<rect width="4" height="4" fill="#{(idx * 2654435761) % 0xFFFFFF:06x}"/></svg>\n').encode()
    # jpg / gif / webp: content is never decoded, a marker is enough
    return b"\xff\xd8\xff\xe0placeholder " + path_rel.encode() + b"\xff\xd9"


def compile_template(t):
    """'{T:은} foo {N}' -> ['', ('T', '은'), ' foo ', ('N', None)]"""
    parts = []
    i = 0
    while True:
        j = t.find("{", i)
        if j < 0:
            parts.append(t[i:])
            return parts
        parts.append(t[i:j])
        k = t.index("}", j)
        slot = t[j + 1:k]
        if ":" in slot:
            name, p = slot.split(":", 1)
        else:
            name, p = slot, None
        parts.append((name, p))
        i = k + 1


KO_T = [compile_template(t) for t in KO_SENTENCES]
EN_T = [compile_template(t) for t in EN_SENTENCES]
LIST_KO_T = [compile_template(t) for t in LIST_ITEMS_KO]
LIST_EN_T = [compile_template(t) for t in LIST_ITEMS_EN]

# --------------------------------------------------------------------------------------
# Site plan
# --------------------------------------------------------------------------------------


def build_image_pool():
    pool = []
    for t in TOPICS:
        for k in range(1, 19):
            ext = "jpg" if k % 5 == 0 else "png"
            pool.append(f"{t['key']}-{k:02d}.{ext}")
    for k in range(1, 21):
        pool.append(f"diagrams/arch-{k:02d}.svg")
    for y in (2021, 2022, 2023, 2024):
        for k in range(1, 9):
            pool.append(f"{y}/screenshot-{k:02d}.png")
    for name in ("아키텍처-01.png", "아키텍처-02.png", "대시보드.png", "흐름도.png", "결과-비교.png"):
        pool.append(name)
    for name in ("screen shot 01.png", "screen shot 02.png", "Final Result.png"):
        pool.append(name)
    return pool


class Post:
    __slots__ = ("idx", "date", "topic", "lang", "fname", "file_slug", "slug", "title", "has_title",
                 "h1", "sections", "anchors", "target", "br_habit", "route")


def plan_posts(rng, n):
    start = datetime.date(2016, 1, 4)
    span_days = 365 * 10
    days = sorted(rng.randrange(span_days) for _ in range(n))
    used = {}
    posts = []
    for i in range(n):
        p = Post()
        p.idx = i
        p.date = start + datetime.timedelta(days=days[i])
        p.topic = TOPICS[rng.randrange(len(TOPICS))]
        r = rng.random()
        p.lang = "ko" if r < 0.6 else ("en" if r < 0.85 else "mixed")
        en_title = p.lang == "en" or (p.lang == "mixed" and rng.random() < 0.5)
        titles = p.topic["title_en"] if en_title else p.topic["title_ko"]
        k = rng.randrange(len(titles))
        p.title = titles[k].format(v=f"{rng.randint(1, 3)}.{rng.randint(0, 12)}", n=rng.randint(2, 300),
                                   p=rng.randint(10, 80), y=p.date.year)
        if en_title:
            base = "-".join(ascii_slug(p.title).split("-")[:6])
        else:
            # the Korean titles and the topic's slugs are listed in the same order
            base = p.topic["slug"][k % len(p.topic["slug"])]
        s = base
        k = used.get(base, 0)
        if k:
            s = f"{base}-{k + 1}"
        used[base] = k + 1
        p.file_slug = s
        p.fname = f"{p.date.isoformat()}-{s}.md"
        # Most posts have an explicit slug; the rest publish at the date route.
        if rng.random() < 0.85:
            p.slug = s if rng.random() < 0.8 else f"{p.date.year}/{s}"
            p.route = f"/blog/{p.slug}"
        else:
            p.slug = None
            p.route = f"/blog/{p.date.year:04d}/{p.date.month:02d}/{p.date.day:02d}/{s}"
        if PRESET == "jekyll":
            # `slug` stands for `:title` in the permalink; the year/slug form is Docusaurus'.
            p.slug = s if p.slug is not None else None
            p.route = f"/blog/{p.date.year:04d}/{p.date.month:02d}/{p.date.day:02d}/{s}/"
        elif PRESET == "hugo":
            p.slug = s if p.slug is not None else None
            p.route = f"/blog/{s}/" if p.slug is not None else f"/blog/{p.fname[:-3]}/"
        p.has_title = rng.random() < 0.95
        p.h1 = None if p.has_title else p.title
        p.target = int(rng.triangular(SIZE_MIN, SIZE_MAX, SIZE_MODE))
        p.br_habit = rng.random() < 0.18
        plan_headings(rng, p)
        posts.append(p)
    return posts


def plan_headings(rng, p):
    t = p.topic
    nsec = max(2, min(8, round(p.target / 1500)))
    sections = []
    seen = set()
    for si in range(nsec):
        for _ in range(5):
            r = rng.random()
            if r < 0.3:
                tmpl = compile_template(rng.choice(H2_TEMPLATES))
                text = fill_heading(rng, tmpl, t, si + 1)
            elif (p.lang == "en") or (p.lang == "mixed" and r < 0.5):
                text = rng.choice(H2_EN)
            else:
                text = rng.choice(H2_KO)
            if text not in seen:
                break
        seen.add(text)
        explicit = f"sec-{ascii_slug(t['key'])}-{si + 1}" if rng.random() < 0.08 else None
        subs = []
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            subs.append(rng.choice(H3_EN if p.lang == "en" else H3_KO))
        sections.append((text, explicit, subs))
    p.sections = sections
    slugger = Slugger()
    anchors = []
    if p.h1:
        slugger.slug(heading_plain(p.h1))
    for text, explicit, subs in sections:
        if explicit:
            anchors.append(explicit)
        else:
            anchors.append(slugger.slug(heading_plain(text)))
        for s in subs:
            anchors.append(slugger.slug(heading_plain(s)))
    p.anchors = anchors


def fill_heading(rng, parts, topic, n):
    terms = topic["terms"]
    T = rng.choice(terms)
    U = rng.choice(terms)
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        name, par = part
        if name == "T":
            w = T
        elif name == "U":
            w = U
        elif name == "C":
            w = rng.choice([c for c in topic["code"] if "`" not in c and "<" not in c])
        elif name == "n":
            w = str(n)
        elif name == "v":
            w = f"{rng.randint(1, 3)}.{rng.randint(0, 9)}"
        elif name == "v2":
            w = f"{rng.randint(4, 5)}.{rng.randint(0, 9)}"
        else:
            w = name
        out.append(w)
        if par:
            out.append(particle(w, par))
    return "".join(out)


# --------------------------------------------------------------------------------------
# Post writer
# --------------------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.refs = 0
        self.broken = {}
        self.images_used = {}

    def bad(self, kind):
        self.broken[kind] = self.broken.get(kind, 0) + 1


class PostWriter:
    def __init__(self, rng, posts, pool, stats):
        self.rng = rng
        self.posts = posts
        self.pool = pool
        self.stats = stats

    # ---- references -------------------------------------------------------------------

    def broken(self):
        return self.rng.random() < BROKEN_RATE

    def image_path(self, name, style):
        """Link target for an image of the pool, in one of the styles posts use."""
        enc = quote(name, safe="/-_.") if (" " in name or self.rng.random() < 0.3) else name
        if " " in name:
            enc = name.replace(" ", "%20")
        if style == "rel" and PRESET == "docusaurus":
            return "../static/img/blog/" + enc
        return IMAGES_URL[PRESET] + enc

    def pick_image(self):
        rng = self.rng
        r = rng.random()
        if r < 0.7:
            name = rng.choice(self.topic_images)
        else:
            name = self.pool[rng.randrange(len(self.pool))]
        self.stats.refs += 1
        if self.broken():
            if rng.random() < 0.5:
                self.stats.bad("missing-image")
                stem, ext = name.rsplit(".", 1)
                return stem + "-old." + ext
            self.stats.bad("missing-image (case)")
            stem, ext = name.rsplit(".", 1)
            return stem + "." + ext.upper()
        self.stats.images_used[name] = True
        return name

    def other_post(self):
        rng = self.rng
        n = len(self.posts)
        if n == 1:
            return self.post
        if rng.random() < 0.7:
            j = self.post.idx + rng.randint(-60, 60)
            j = min(max(j, 0), n - 1)
        else:
            j = rng.randrange(n)
        if j == self.post.idx:
            j = (j + 1) % n
        return self.posts[j]

    def anchor_enc(self, a):
        if not a.isascii() and self.rng.random() < 0.25:
            return quote(a, safe="-_")
        return a

    def local_link(self, in_definition=False):
        """(text, url) of a link to another post or to one of this post's headings.

        In a reference definition, Jekyll and Hugo posts link by route: template tags are
        for inline links."""
        rng = self.rng
        ko = self.ko
        r = rng.random()
        self.stats.refs += 1
        broken = self.broken()
        if r < 0.3:
            # own heading anchor
            a = rng.choice(self.post.anchors)
            text = rng.choice(ANCHOR_TEXT_KO if ko else ANCHOR_TEXT_EN)
            if broken:
                self.stats.bad("dead-anchor (own)")
                a = a + "-old" if rng.random() < 0.5 else a.upper() + "x"
            return text, "#" + self.anchor_enc(a)
        q = self.other_post()
        text = q.title if rng.random() < 0.5 else rng.choice(LINK_TEXT_KO if ko else LINK_TEXT_EN)
        text = text.replace("[", "(").replace("]", ")")
        frag = ""
        if rng.random() < 0.25:
            frag = "#" + self.anchor_enc(rng.choice(q.anchors))
        if r < 0.7 and not (in_definition and PRESET != "docusaurus"):
            fname = q.fname
            if broken:
                if rng.random() < 0.5:
                    self.stats.bad("dead-link (file)")
                    fname = f"{q.date.year - 1}-{q.fname[5:]}"
                else:
                    self.stats.bad("dead-anchor (other post)")
                    frag = "#no-such-heading"
            if PRESET == "jekyll":
                return text, "{% post_url " + fname[:-3] + " %}" + frag
            if PRESET == "hugo":
                return text, '{{< ref "' + fname + frag + '" >}}'
            return text, "./" + fname + frag
        url = q.route
        if broken:
            if rng.random() < 0.6:
                self.stats.bad("dead-link (route)")
                url = url[:-1] + "-draft/" if url.endswith("/") else url + "-draft"
            else:
                self.stats.bad("dead-anchor (other post)")
                frag = "#section-that-was-renamed"
        elif rng.random() < 0.15 and not url.endswith("/"):
            url += "/"
        return text, url + frag

    def ext_url(self):
        rng = self.rng
        u = rng.choice(self.post.topic["urls"] if rng.random() < 0.8 else TOPICS[rng.randrange(len(TOPICS))]["urls"])
        return u.replace("{n3}", str(rng.randint(400, 750))).replace("{n}", str(rng.randint(1000, 40000)))

    def link_md(self):
        """A link in prose: inline local, inline external, reference-style, or autolink."""
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            text, url = self.local_link()
            return f"[{text}]({url})", text
        if r < 0.75:
            text = rng.choice(EXT_TEXT_KO if self.ko else EXT_TEXT_EN)
            return f"[{text}]({self.ext_url()})", text
        if r < 0.93:
            # reference-style link
            text = rng.choice(EXT_TEXT_KO if self.ko else EXT_TEXT_EN)
            self.stats.refs += 1
            if self.broken():
                self.stats.bad("undefined-reference")
                return f"[{text}][ref-missing-{rng.randint(1, 9)}]", text
            label = self.new_ref(self.ext_url() if rng.random() < 0.7 else self.local_link(True)[1])
            if rng.random() < 0.15 and label.isdigit() is False:
                return f"[{label}][]", label
            return f"[{text}][{label}]", text
        url = self.ext_url()
        autolink = rng.random() < 0.6
        # MDX has no autolinks (`<` opens JSX): Docusaurus users write the bare URL, which
        # GFM links.
        return (f"<{url}>" if autolink and PRESET != "docusaurus" else url), "링크"

    def new_ref(self, url):
        n = len(self.refdefs) + 1
        label = str(n) if self.rng.random() < 0.5 else f"{self.post.topic['key']}-{n}"
        self.refdefs.append((label, url))
        self.refdef_bytes += len(label) + len(url.encode()) + 5
        return label

    # ---- inline text ------------------------------------------------------------------

    def fill(self, parts, T=None, U=None):
        rng = self.rng
        terms = self.post.topic["terms"]
        if T is None:
            T = terms[rng.randrange(len(terms))]
        out = []
        for part in parts:
            if type(part) is str:
                out.append(part)
                continue
            name, par = part
            plain = None
            if name == "T":
                w = plain = T
                if rng.random() < 0.04:
                    w = f"[{T}]({self.ext_url()})"
                elif rng.random() < 0.05:
                    w = f"**{T}**"
            elif name == "U":
                w = U or terms[rng.randrange(len(terms))]
            elif name == "C":
                code = self.post.topic["code"]
                c = code[rng.randrange(len(code))]
                w = f"``{c}``" if "`" in c else f"`{c}`"
                plain = c
            elif name == "N":
                w = str(rng.randint(2, 120))
            elif name == "M":
                w = str(rng.randint(2, 60))
            elif name == "P":
                w = str(rng.randint(5, 80))
            elif name == "V":
                w = f"{rng.randint(1, 3)}.{rng.randint(0, 12)}"
            elif name == "L":
                w, plain = self.link_md()
            elif name == "A":
                text, url = self.own_anchor_link()
                w = f"[{text}]({url})"
                plain = text
            else:
                w = name
            out.append(w)
            if par:
                out.append(particle(plain if plain is not None else w, par))
        return "".join(out)

    def own_anchor_link(self):
        rng = self.rng
        self.stats.refs += 1
        i = rng.randrange(len(self.post.sections))
        text = self.post.sections[i][0].replace("`", "")
        a = self.post.anchors[sum(1 + len(s[2]) for s in self.post.sections[:i])]
        if self.broken():
            self.stats.bad("dead-anchor (own)")
            bad = a + "-1" if rng.random() < 0.5 else a.replace("-", "_")
            a = bad if (bad != a and bad not in self.post.anchors) else a + "-old"
        return f"'{text}'", "#" + self.anchor_enc(a)

    def sentence(self):
        rng = self.rng
        if self.ko and (self.post.lang != "mixed" or rng.random() < 0.6):
            return self.fill(KO_T[rng.randrange(len(KO_T))])
        return self.fill(EN_T[rng.randrange(len(EN_T))])

    def paragraph(self, nmin=2, nmax=5):
        rng = self.rng
        sents = [self.sentence() for _ in range(rng.randint(nmin, nmax))]
        if self.post.br_habit and rng.random() < 0.6:
            # One sentence per line, each line ended with a <br> (the habit postlint's stray-br targets).
            br = mdx_br(rng.choice(("<br>", "<br>", "<br/>", "<br />", "<BR>")))
            lines = [s + br for s in sents[:-1]] + [sents[-1] + (br if rng.random() < 0.3 else "")]
            return "\n".join(lines)
        if rng.random() < 0.3 and len(sents) > 2:
            # wrapped source lines, as editors that hard-wrap produce
            return " ".join(sents[:2]) + "\n" + " ".join(sents[2:])
        return " ".join(sents)

    # ---- blocks -----------------------------------------------------------------------

    def code_block(self):
        rng = self.rng
        lang = rng.choice(self.post.topic["langs"])
        snippets = CODE_SNIPPETS.get(lang) or CODE_SNIPPETS["bash"]
        name = rng.choice(NAME_WORDS)
        body = rng.choice(snippets)
        body = (body.replace("{Name}", "".join(w.capitalize() for w in name.split("_")))
                .replace("{name}", name).replace("{n2}", str(rng.randint(1, 9))).replace("{n}", str(rng.randint(2, 64)))
                .replace("{{", "{").replace("}}", "}"))
        fence = "```"
        if rng.random() < 0.06:
            fence = "~~~"
        info = lang
        r = rng.random()
        if r < 0.12:
            ext = {"python": "py", "bash": "sh", "javascript": "js"}.get(lang, lang)
            info += f' title="{name}.{ext}"'
        elif r < 0.18:
            info += " showLineNumbers"
        elif r < 0.22:
            info = ""
        intro = self.sentence() if rng.random() < 0.5 else None
        block = f"{fence}{info}\n{body}{fence}"
        return (intro + "\n\n" + block) if intro else block

    def table(self):
        rng = self.rng
        header = rng.choice(TABLE_HEADERS)
        ncols = len(header)
        words = CELL_WORDS_KO if self.ko else CELL_WORDS_EN
        code = self.post.topic["code"]
        rows = []
        for _ in range(rng.randint(2, 6)):
            cells = []
            for c in range(ncols):
                r = rng.random()
                if c == 0:
                    v = code[rng.randrange(len(code))]
                    cell = f"`{v.replace('|', '/')}`" if "`" not in v else v.replace("`", "")
                elif r < 0.35:
                    cell = str(rng.randint(1, 999)) + rng.choice(("", " ms", "%", " GB", "개"))
                elif r < 0.45:
                    cell = rng.choice(words) + mdx_br("<br>") + rng.choice(words)
                elif r < 0.5:
                    cell = "[링크](" + self.ext_url() + ")"
                else:
                    cell = rng.choice(words)
                cells.append(cell)
            rows.append(cells)
        align = rng.choice(("---", ":---", "---:", ":---:"))
        lines = ["| " + " | ".join(header) + " |",
                 "|" + "|".join(" " + (align if i else "---") + " " for i in range(ncols)) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)

    def list_block(self):
        rng = self.rng
        tmpl = LIST_KO_T if self.ko else LIST_EN_T
        n = rng.randint(3, 6)
        r = rng.random()
        items = []
        for i in range(n):
            text = self.fill(tmpl[rng.randrange(len(tmpl))])
            if rng.random() < 0.15:
                text += " (" + self.link_md()[0] + ")"
            if r < 0.5:
                items.append("- " + text)
            elif r < 0.8:
                items.append(f"{i + 1}. " + text)
            elif r < 0.9:
                items.append("* " + text)
            else:
                items.append(("- [x] " if rng.random() < 0.5 else "- [ ] ") + text)
            if rng.random() < 0.15:
                sub = self.fill(tmpl[rng.randrange(len(tmpl))])
                indent = "   " if r >= 0.5 and r < 0.8 else "  "
                items.append(indent + "- " + sub)
        return "\n".join(items)

    def image_block(self):
        rng = self.rng
        name = self.pick_image()
        alt = rng.choice(ALT_KO if self.ko else ALT_EN)
        if rng.random() < 0.03:
            alt = ""
        r = rng.random()
        if r < 0.45:
            md = f"![{alt}]({self.image_path(name, 'rel')})"
        elif r < 0.8:
            title = f' "{alt}"' if alt and rng.random() < 0.2 else ""
            md = f"![{alt}]({self.image_path(name, 'abs')}{title})"
        elif r < 0.9:
            width = rng.choice((400, 600, 800))
            md = f'<img src="{self.image_path(name, "abs")}" alt="{alt}" width="{width}" />'
        else:
            label = f"fig-{len(self.refdefs) + 1}"
            url = self.image_path(name, rng.choice(("rel", "abs")))
            self.refdefs.append((label, url))
            self.refdef_bytes += len(label) + len(url.encode()) + 5
            md = f"![{alt}][{label}]"
        if rng.random() < 0.4:
            self.fig += 1
            cap = f"그림 {self.fig}. {alt or '스크린샷'}" if self.ko else f"Figure {self.fig}: {alt or 'screenshot'}"
            md += "\n" + (mdx_br("<br>") + "\n*" + cap + "*" if self.post.br_habit and rng.random() < 0.5 else "*" + cap + "*")
        return md

    def quote_block(self):
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            return "> " + rng.choice(QUOTE_KO if self.ko else QUOTE_EN)
        if r < 0.75:
            lines = self.paragraph(1, 3).split("\n")
            return "\n".join("> " + ln for ln in lines)
        head = "> **참고**" if self.ko else "> **Note**"
        return head + "\n>\n> " + self.sentence()

    def admonition(self):
        rng = self.rng
        kind = rng.choice(("note", "tip", "info", "warning", "danger"))
        title = ""
        if rng.random() < 0.3:
            title = " " + ("주의" if self.ko else "Heads up")
        return f":::{kind}{title}\n\n{self.paragraph(1, 2)}\n\n:::"

    def block(self):
        r = self.rng.random()
        if r < 0.50:
            return self.paragraph()
        if r < 0.62:
            return self.code_block()
        if r < 0.74:
            return self.list_block()
        if r < 0.82:
            return self.image_block()
        if r < 0.87:
            return self.table()
        if r < 0.93:
            return self.quote_block()
        if r < 0.96:
            return self.admonition()
        if self.post.br_habit:
            return mdx_br("<br>")  # a lone <br> line between blocks: a raw HTML block
        return self.paragraph(1, 2)

    # ---- the post ---------------------------------------------------------------------

    def front_matter(self):
        rng = self.rng
        p = self.post
        t = p.topic
        lines = ["---"]
        if p.slug is not None:
            lines.append(f"slug: {p.slug}")
        if p.has_title:
            lines.append("title: " + yaml_str(rng, p.title))
        # authors
        r = rng.random()
        keys = [a[0] for a in AUTHORS]
        k1 = keys[(p.idx * 7 + rng.randrange(3)) % len(keys)]
        if rng.random() < 0.005:
            self.stats.bad("unknown-author")
            k1 = k1 + "-typo"
        if r < 0.45:
            lines.append(f"authors: {k1}")
        elif r < 0.8:
            k2 = keys[rng.randrange(len(keys))]
            lines.append(f"authors: [{k1}, {k2}]" if k2 != k1 else f"authors: [{k1}]")
        elif r < 0.99:
            lines.append(f"authors:\n  - {k1}")
        elif PRESET == "hugo":  # a taxonomy: terms are strings
            lines.append("authors: [guest-writer]")
        else:
            lines.append(f"authors:\n  - name: Guest Writer\n    title: Guest\n    url: https://example.com/guest-{p.idx}")
        # tags
        tags = list(t["tags"][: rng.randint(1, len(t["tags"]))])
        if rng.random() < 0.3:
            g = GENERIC_TAGS[rng.randrange(len(GENERIC_TAGS))]
            if g not in tags:
                tags.append(g)
        if rng.random() < 0.005:
            self.stats.bad("unknown-tag")
            tags.append(t["key"] + "-tips")
        if rng.random() < 0.75:
            lines.append("tags: [" + ", ".join(tags) + "]")
        else:
            lines.append("tags:\n" + "\n".join("  - " + x for x in tags))
        if rng.random() < 0.35:
            d = p.date
            if rng.random() < 0.003:
                self.stats.bad("date-mismatch")
                d = d + datetime.timedelta(days=1)
            r = rng.random()
            if r < 0.5:
                lines.append(f"date: {d.isoformat()}")
            elif r < 0.8:
                seconds = ":00" if PRESET == "hugo" else ""  # Hugo wants them
                lines.append(f"date: {d.isoformat()}T{rng.randint(8, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}{seconds}")
            else:
                lines.append(f"date: {d.isoformat()}T{rng.randint(8, 22):02d}:00:00+09:00")
        if rng.random() < 0.45:
            tmpl = compile_template(rng.choice(DESC_KO if self.ko else DESC_EN))
            lines.append("description: " + yaml_str(rng, fill_heading(rng, tmpl, t, 1)))
        if rng.random() < 0.15:
            lines.append("keywords: [" + ", ".join(t["terms"][:3]) + "]")
        if rng.random() < 0.1:
            name = rng.choice(self.topic_images)
            self.stats.images_used[name] = True
            self.stats.refs += 1
            lines.append(f"image: {IMAGES_URL[PRESET]}{quote(name, safe='/-_.')}")
        if rng.random() < 0.08:
            lines.append("hide_table_of_contents: true")
        lines.append("---")
        if PRESET == "jekyll":
            # Jekyll's own date format; no offset, so the route's day is the file name's.
            lines = [re.sub(r"^date: (\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:00)?(\+09:00)?$",
                            lambda m: f"date: {m[1]} {m[2]}:00", ln) for ln in lines]
        elif PRESET == "hugo" and rng.random() < 0.3:
            return toml_front_matter(lines)
        return "\n".join(lines)

    def write(self, p):
        rng = self.rng
        self.post = p
        self.ko = p.lang != "en"
        self.refdefs = []
        self.refdef_bytes = 0
        self.fig = 0
        tk = p.topic["key"]
        self.topic_images = [x for x in self.pool if x.startswith(tk + "-")]
        parts = [self.front_matter()]
        if p.h1:
            parts.append("# " + p.h1)
        parts.append(self.paragraph(2, 4))
        if rng.random() < 0.7:
            parts.append("<!-- truncate -->" if PRESET == "docusaurus" else "<!--more-->")
        size = sum(len(x.encode()) + 2 for x in parts)
        has_refs_section = rng.random() < 0.5
        reserve = 450 if has_refs_section else 150
        hard_max = SIZE_MAX - reserve
        body_target = max(p.target - reserve, SIZE_MIN)
        nsec = len(p.sections)
        for si, (text, explicit, subs) in enumerate(p.sections):
            budget = (body_target - size) / (nsec - si)
            h = "## " + text + (f" {{#{explicit}}}" if explicit else "")
            parts.append(h)
            size += len(h.encode()) + 2
            sec_start = size
            sub_at = [budget * (k + 1) / (len(subs) + 1) for k in range(len(subs))]
            sub_i = 0
            first = True
            while size - sec_start < budget or first:
                if sub_i < len(subs) and size - sec_start >= sub_at[sub_i]:
                    h3 = "### " + subs[sub_i]
                    parts.append(h3)
                    size += len(h3.encode()) + 2
                    sub_i += 1
                b = self.paragraph() if first else self.block()
                bl = len(b.encode()) + 2
                if size + bl + self.refdef_bytes > hard_max:
                    b = self.sentence()
                    bl = len(b.encode()) + 2
                    if size + bl + self.refdef_bytes > hard_max:
                        break
                parts.append(b)
                size += bl
                first = False
            while sub_i < len(subs):  # headings planned for this section still get written
                parts.append("### " + subs[sub_i])
                parts.append(self.sentence())
                sub_i += 1
        tail = []
        if has_refs_section:
            tail.append("## " + ("참고 자료" if self.ko else "References"))
            items = []
            for _ in range(rng.randint(2, 4)):
                u = self.ext_url()
                items.append(f"- [{u.split('/')[2]}]({u})")
            tail.append("\n".join(items))
        tail_bytes = sum(len(x.encode()) + 2 for x in tail)
        while size + tail_bytes + self.refdef_bytes < SIZE_MIN:
            b = self.paragraph()
            parts.append(b)
            size += len(b.encode()) + 2
        parts += tail
        if self.refdefs:
            parts.append("\n".join(f"[{label}]: {url}" for label, url in self.refdefs))
        return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------
# Site files
# --------------------------------------------------------------------------------------

DOCUSAURUS_CONFIG = """// @ts-check
// Minimal config of a generated benchmark site (benches/gen-site.py).

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Bench Blog',
  url: 'https://blog.example.com',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  onBrokenMarkdownLinks: 'warn',
  i18n: { defaultLocale: 'ko', locales: ['ko'] },
  presets: [
    [
      'classic',
      {
        docs: false,
        blog: {
          routeBasePath: 'blog',
          showReadingTime: true,
          blogSidebarCount: 'ALL',
          onInlineTags: 'warn',
          onInlineAuthors: 'warn',
        },
      },
    ],
  ],
};

module.exports = config;
"""


JEKYLL_CONFIG = """# Minimal config of a generated benchmark site (benches/gen-site.py).
title: Bench Blog
url: https://blog.example.com
baseurl: ""
timezone: Asia/Seoul
permalink: /blog/:year/:month/:day/:title/
markdown: kramdown
kramdown:
  input: GFM
"""

HUGO_CONFIG = """# Minimal config of a generated benchmark site (benches/gen-site.py).
baseURL = "https://blog.example.com/"
languageCode = "ko-kr"
title = "Bench Blog"

[markup.goldmark.renderer]
  unsafe = true

[taxonomies]
  tag = "tags"
  author = "authors"
"""


def toml_front_matter(yaml_lines):
    """The YAML front matter lines written by PostWriter.front_matter, as TOML (+++)."""
    out = ["+++"]
    i = 1
    while i < len(yaml_lines) - 1:
        line = yaml_lines[i]
        key, _, value = line.partition(":")
        value = value.strip()
        i += 1
        if "\n" in line:  # a block list, or an inline author mapping: one string list
            items = [x.strip()[2:] for x in line.split("\n")[1:] if x.strip().startswith("- ")]
            items = [x.split(": ", 1)[1] if x.startswith("name: ") else x for x in items]
            out.append(f"{key} = [" + ", ".join(json.dumps(x, ensure_ascii=False) for x in items) + "]")
        elif value.startswith("["):
            items = [x.strip() for x in value[1:-1].split(",") if x.strip()]
            out.append(f"{key} = [" + ", ".join(json.dumps(x, ensure_ascii=False) for x in items) + "]")
        elif key == "date":
            out.append(f"date = {value}")
        elif value in ("true", "false"):
            out.append(f"{key} = {value}")
        else:
            if value[:1] in "'\"":
                value = value[1:-1].replace("''", "'") if value[0] == "'" else json.loads(value)
            out.append(f"{key} = " + json.dumps(value, ensure_ascii=False))
    out.append("+++")
    return "\n".join(out)


def authors_yml():
    out = []
    for key, name, title in AUTHORS:
        out.append(f"{key}:\n  name: {name}\n  title: {title}\n  url: https://github.com/{key}\n"
                   f"  image_url: https://github.com/{key}.png\n  socials:\n    github: {key}\n")
    return "\n".join(out)


def tags_yml():
    tags = []
    for t in TOPICS:
        for x in t["tags"]:
            if x not in tags:
                tags.append(x)
    for x in GENERIC_TAGS:
        if x not in tags:
            tags.append(x)
    out = []
    for x in tags:
        label = x.replace("-", " ").title().replace("Postgresql", "PostgreSQL").replace("Til", "TIL")
        out.append(f"{x}:\n  label: {label}\n  permalink: /{x}\n  description: Posts about {label}\n")
    return "\n".join(out)


def self_sha256():
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, required=True, help="number of posts")
    ap.add_argument("--out", required=True, help="output folder (emptied first if it holds a generated site)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--preset", choices=PRESETS, default="docusaurus",
                    help="the generator whose conventions the site follows (default docusaurus)")
    args = ap.parse_args(argv)
    global PRESET
    PRESET = args.preset
    if args.posts < 1:
        ap.error("--posts must be at least 1")

    out = args.out
    if os.path.exists(out):
        if os.listdir(out) and not os.path.exists(os.path.join(out, "gen-site.json")) \
                and not any(os.path.exists(os.path.join(out, d)) for d in ("blog", "_posts", "content")):
            ap.error(f"{out} exists and does not look like a generated site; refusing to overwrite")
        shutil.rmtree(out)
    blog = os.path.join(out, *POSTS_DIR[PRESET].split("/"))
    os.makedirs(blog)

    rng = random.Random(args.seed)
    pool = build_image_pool()
    posts = plan_posts(rng, args.posts)
    stats = Stats()
    writer = PostWriter(rng, posts, pool, stats)

    total = 0
    sizes_min, sizes_max = 1 << 30, 0
    for p in posts:
        data = writer.write(p).encode("utf-8")
        with open(os.path.join(blog, p.fname), "wb") as f:
            f.write(data)
        n = len(data)
        total += n
        sizes_min = min(sizes_min, n)
        sizes_max = max(sizes_max, n)

    if PRESET == "docusaurus":
        with open(os.path.join(out, "docusaurus.config.js"), "w", encoding="utf-8") as f:
            f.write(DOCUSAURUS_CONFIG)
        with open(os.path.join(blog, "authors.yml"), "w", encoding="utf-8") as f:
            f.write(authors_yml())
        with open(os.path.join(blog, "tags.yml"), "w", encoding="utf-8") as f:
            f.write(tags_yml())
    elif PRESET == "jekyll":
        with open(os.path.join(out, "_config.yml"), "w", encoding="utf-8") as f:
            f.write(JEKYLL_CONFIG)
        os.makedirs(os.path.join(out, "_data"))
        with open(os.path.join(out, "_data", "authors.yml"), "w", encoding="utf-8") as f:
            f.write(authors_yml())
    else:
        with open(os.path.join(out, "hugo.toml"), "w", encoding="utf-8") as f:
            f.write(HUGO_CONFIG)
    used = sorted(stats.images_used)
    pool_index = {name: i for i, name in enumerate(pool)}
    for name in used:
        path = os.path.join(out, *IMAGES_DIR[PRESET].split("/"), *name.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(placeholder(name, pool_index[name]))

    broken_total = sum(stats.broken.values())
    manifest = {
        "generator": "benches/gen-site.py",
        "generator_version": GEN_VERSION,
        "generator_sha256": self_sha256(),
        "posts": args.posts,
        "seed": args.seed,
        "preset": PRESET,
        "posts_dir": POSTS_DIR[PRESET],
        "bytes": total,
        "mean_post_bytes": round(total / args.posts),
        "min_post_bytes": sizes_min,
        "max_post_bytes": sizes_max,
        "images": len(used),
        "local_references": stats.refs,
        "broken": dict(sorted(stats.broken.items())),
        "broken_total": broken_total,
    }
    with open(os.path.join(out, "gen-site.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{args.posts} posts, {total / 1e6:.1f} MB (mean {total / args.posts:.0f} B, "
          f"min {sizes_min}, max {sizes_max}), {len(used)} images, "
          f"{broken_total} deliberately broken of {stats.refs} local references -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Code templates for the benchmark corpus, one list per fence language.

Placeholders are ``@name@`` (not ``{}`` or ``$``, which the code itself uses):
``@id@``/``@id2@``/``@id3@`` are identifiers, ``@Type@`` a type name, ``@n@``/``@m@``
numbers and ``@word@`` an English word. The templates are real-looking code so
that highlighting costs what it costs on real articles.
"""

from __future__ import annotations

SNIPPETS: dict[str, list[str]] = {
    "python": [
        '''def @id@(@id2@: list[float], @id3@: int = @n@) -> dict[str, float]:
    """Compute the rolling @word@ over a window of @id3@ samples."""
    out: dict[str, float] = {}
    for i in range(len(@id2@) - @id3@ + 1):
        window = @id2@[i : i + @id3@]
        out[f"w{i:04d}"] = sum(window) / len(window) if window else 0.0
    return out
''',
        '''class @Type@(nn.Module):
    def __init__(self, dim: int = @n@, heads: int = @m@) -> None:
        super().__init__()
        self.qkv = nn.Linear(dim, dim * 3, bias=False)
        self.proj = nn.Linear(dim, dim)
        self.heads = heads

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, t, c = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        att = (q @ k.transpose(-2, -1)) * (c // self.heads) ** -0.5
        return self.proj(att.softmax(dim=-1) @ v)  # @word@
''',
        '''async def @id@(session: aiohttp.ClientSession, url: str) -> bytes:
    for attempt in range(@m@):
        try:
            async with session.get(url, timeout=@n@) as resp:
                resp.raise_for_status()
                return await resp.read()
        except aiohttp.ClientError as exc:
            logging.warning("@word@ failed (%s), retry %d", exc, attempt)
            await asyncio.sleep(2 ** attempt)
    raise RuntimeError(f"gave up on {url!r}")
''',
    ],
    "typescript": [
        '''export interface @Type@ {
  id: number;
  name: string;
  tags?: string[];
}

export async function @id@(@id2@: @Type@[], limit = @n@): Promise<Map<string, @Type@>> {
  const out = new Map<string, @Type@>();
  for (const item of @id2@.slice(0, limit)) {
    if (item.tags?.includes("@word@")) out.set(item.name, item);
  }
  return out;
}
''',
        '''type @Type@<T> = { ok: true; value: T } | { ok: false; error: string };

const @id@ = <T,>(fn: () => T): @Type@<T> => {
  try {
    return { ok: true, value: fn() };
  } catch (e: unknown) {
    return { ok: false, error: `@word@: ${String(e)}` };
  }
};
''',
    ],
    "javascript": [
        '''const @id@ = (@id2@, wait = @n@) => {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => @id2@.apply(this, args), wait);
  };
};

document.querySelectorAll(".@word@").forEach((el) => {
  el.addEventListener("input", @id@((e) => console.log(e.target.value), @m@));
});
''',
        '''app.get("/api/@word@/:id", async (req, res) => {
  const row = await db.query("SELECT * FROM @id@ WHERE id = $1", [req.params.id]);
  if (!row) return res.status(404).json({ error: "not found" });
  res.json({ ...row, fetchedAt: Date.now(), limit: @n@ });
});
''',
    ],
    "cuda": [
        '''__global__ void @id@(const float* __restrict__ @id2@, float* out, int n) {
    __shared__ float tile[@n@];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    tile[threadIdx.x] = i < n ? @id2@[i] : 0.0f;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) tile[threadIdx.x] += tile[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) atomicAdd(out, tile[0]);
}

// launch: @id@<<<(n + @m@ - 1) / @m@, @m@>>>(d_in, d_out, n);
''',
    ],
    "cpp": [
        '''template <typename T>
class @Type@ {
public:
    explicit @Type@(std::size_t cap = @n@) : buf_(cap) {}
    bool push(const T& v) {
        std::lock_guard<std::mutex> lock(mu_);
        if (size_ == buf_.size()) return false;
        buf_[(head_ + size_++) % buf_.size()] = v;
        return true;
    }
private:
    std::vector<T> buf_;
    std::size_t head_ = 0, size_ = 0;
    std::mutex mu_;  // @word@
};
''',
        '''int @id@(const std::string& path) {
    std::ifstream in(path);
    std::unordered_map<std::string, int> counts;
    for (std::string w; in >> w;) ++counts[w];
    auto best = std::max_element(counts.begin(), counts.end(),
        [](const auto& a, const auto& b) { return a.second < b.second; });
    std::cout << "@word@: " << best->first << " x" << best->second << "\\n";
    return @m@;
}
''',
    ],
    "bash": [
        '''#!/usr/bin/env bash
set -euo pipefail
@ID@_DIR="${1:-/var/lib/@word@}"
for f in "$@ID@_DIR"/*.log; do
  [ -e "$f" ] || continue
  lines=$(wc -l < "$f")
  if (( lines > @n@ )); then
    gzip -9 "$f" && echo "compressed $f ($lines lines)"
  fi
done
''',
        '''docker run --rm -it \\
  -v "$PWD":/src -w /src \\
  -e @ID@=@n@ \\
  --gpus all python:3.12 \\
  bash -c "pip install -r requirements.txt && python -m @word@ --epochs @m@"
''',
    ],
    "sql": [
        '''SELECT u.id, u.name, COUNT(o.id) AS @id@, SUM(o.total) AS revenue
FROM users AS u
LEFT JOIN orders AS o ON o.user_id = u.id AND o.created_at > NOW() - INTERVAL '@n@ days'
WHERE u.status = '@word@'
GROUP BY u.id, u.name
HAVING COUNT(o.id) > @m@
ORDER BY revenue DESC
LIMIT 50;
''',
        '''CREATE TABLE @id@ (
    id BIGSERIAL PRIMARY KEY,
    @id2@ TEXT NOT NULL,
    amount NUMERIC(12, 2) DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX @id@_@id2@_idx ON @id@ (@id2@) WHERE amount > @n@;
''',
    ],
    "yaml": [
        '''name: @word@
on:
  push:
    branches: [main]
jobs:
  @id@:
    runs-on: ubuntu-latest
    timeout-minutes: @n@
    steps:
      - uses: actions/checkout@v4
      - run: pip install -e '.[test]'
      - run: pytest -q -n @m@
''',
        '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: @id@
spec:
  replicas: @m@
  template:
    spec:
      containers:
        - name: @word@
          image: registry.local/@id@:1.@n@
          resources: {limits: {cpu: "2", memory: 512Mi}}
''',
    ],
    "rust": [
        '''#[derive(Debug, Clone, PartialEq)]
pub struct @Type@ {
    pub id: u64,
    pub name: String,
}

impl @Type@ {
    pub fn @id@(items: &[Self], limit: usize) -> Vec<&Self> {
        items.iter().filter(|x| x.name.contains("@word@")).take(limit).collect()
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let v: Vec<@Type@> = (0..@n@).map(|i| @Type@ { id: i, name: format!("@word@-{i}") }).collect();
    println!("{:?}", @Type@::@id@(&v, @m@));
    Ok(())
}
''',
    ],
    "go": [
        '''func @id@(ctx context.Context, urls []string) ([]Result, error) {
	g, ctx := errgroup.WithContext(ctx)
	out := make([]Result, len(urls))
	sem := make(chan struct{}, @m@)
	for i, u := range urls {
		i, u := i, u
		g.Go(func() error {
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := fetch(ctx, u, @n@*time.Millisecond) // @word@
			out[i] = r
			return err
		})
	}
	return out, g.Wait()
}
''',
    ],
    "json": [
        '''{
  "name": "@word@",
  "version": "1.@m@.@n@",
  "scripts": {"build": "tsc -p .", "test": "vitest run"},
  "dependencies": {"@id@": "^@m@.0.0", "zod": "^3.23.0"},
  "config": {"retries": @m@, "timeoutMs": @n@, "enabled": true, "tags": ["@word@", "@id2@"]}
}
''',
    ],
    "toml": [
        '''[project]
name = "@id@"
version = "0.@m@.@n@"
dependencies = ["rich>=13", "@word@>=1.0"]

[tool.ruff]
line-length = @n@
''',
    ],
    "": [
        '''$ @id@ --@word@ --jobs @m@
processed @n@ files in 1.@m@s
warning: @id2@ is deprecated; use @id3@
''',
    ],
}

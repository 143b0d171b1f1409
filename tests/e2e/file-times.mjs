// A node --test reporter (used by .ci/e2e beside `spec`): the wall time of
// each test file, from when the runner starts the file to when it completes,
// before() hooks (building a site, launching a browser) included; printed
// after the run, slowest first.
export default async function* fileTimes(source) {
  const started = new Map(), took = [];
  for await (const { type, data } of source) {
    // The runner reports each file as a test named by the file's path.
    if (!data?.file || data.name !== data.file) continue;
    if (type === 'test:dequeue') started.set(data.file, Date.now());
    else if (type === 'test:complete' && started.has(data.file))
      took.push([data.file, (Date.now() - started.get(data.file)) / 1000]);
  }
  if (took.length === 0) return;
  yield 'test file wall times (seconds):\n';
  for (const [file, seconds] of took.sort((a, b) => b[1] - a[1]))
    yield `${seconds.toFixed(1).padStart(7)}  ${file.split('/').pop()}\n`;
}

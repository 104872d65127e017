// The records the lanes and UI benchmarks produce, and producing them with
// kcat (librdkafka), so the producer is never the bottleneck being measured.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file of `count` newline-separated records of `bytes` bytes each, made once and reused. */
export function recordsFile(dir: string, prefix: string, count: number, bytes: number): string {
  const file = join(dir, `${prefix}-records-${count}.txt`);
  if (!existsSync(file)) {
    const lines: string[] = [];
    for (let i = 0; i < count; i++) lines.push(`record-${i}-`.padEnd(bytes, 'x'));
    writeFileSync(file, lines.join('\n') + '\n');
  }
  return file;
}

/** Sends every line of `input` to `topic`, as fast as librdkafka batches them. */
export function kcatProduce(bootstrap: string, topic: string, input: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const args = ['-P', '-b', bootstrap, '-t', topic, '-q', '-X', 'linger.ms=5', '-X', 'batch.num.messages=10000', '-X', 'queue.buffering.max.messages=1000000'];
    const child = spawn('kcat', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createReadStream(input).pipe(child.stdin!);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`kcat exited with ${code}: ${stderr}`))));
  });
}

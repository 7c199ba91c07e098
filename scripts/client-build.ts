import { spawn } from 'node:child_process';
import path from 'node:path';

export const CLIENT_DIR = path.resolve(__dirname, '..', 'client');
export const H5_DIR = path.join(CLIENT_DIR, 'dist', 'h5');

/** `taro build` for one platform; resolves when it is written, rejects with Taro's output if it fails. */
export function buildClient(type: 'weapp' | 'h5', env: Record<string, string> = {}): Promise<void> {
  const taro = path.join(path.dirname(require.resolve('@tarojs/cli/package.json')), 'bin', 'taro');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [taro, 'build', '--type', type], {
      cwd: CLIENT_DIR,
      env: { ...process.env, NODE_ENV: 'production', ...env },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`taro build --type ${type} failed:\n${output.slice(-4000)}`))));
  });
}

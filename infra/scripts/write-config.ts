/**
 * Turn `cdk deploy --outputs-file cdk-outputs.json` into the elements' configuration JSON, the same
 * keys as the stand-in's /_local/config.json: region, identityPoolId, bucket, cdnBaseUrl (+ authUrl).
 *
 *   npx tsx infra/scripts/write-config.ts --outputs cdk-outputs.json --out ine-config.json \
 *       [--stack ine-video-stack] [--auth-url https://monitoreo.ine.mx/api/video-token]
 *
 * Serve the result next to the page and point the elements at it:
 *   <script type="application/json" data-ine-config>{ "configUrl": "/ine-config.json" }</script>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUTPUT_KEYS } from '../lib/ine-stack.ts';

export interface ElementsConfig {
  region: string;
  identityPoolId: string;
  bucket: string;
  cdnBaseUrl: string;
  authUrl?: string;
}

type OutputsFile = Record<string, Record<string, string>>;

/** Pick the stack's outputs and map them to the elements' keys. */
export function configFromOutputs(outputs: OutputsFile, opts: { stack?: string; authUrl?: string } = {}): ElementsConfig {
  const stacks = Object.keys(outputs);
  const name = opts.stack ?? (stacks.length === 1 ? stacks[0] : stacks.find((s) => outputs[s]?.[OUTPUT_KEYS.identityPoolId]));
  if (!name || !outputs[name])
    throw new Error(`No stack ${opts.stack ? `"${opts.stack}" ` : ''}in the outputs file (found: ${stacks.join(', ') || 'none'}); pass --stack`);
  const o = outputs[name]!;
  const need = (key: string): string => {
    const v = o[key];
    if (!v) throw new Error(`Stack ${name} has no output ${key}; was it deployed from this version of infra/?`);
    return v;
  };
  const config: ElementsConfig = {
    region: need(OUTPUT_KEYS.region),
    identityPoolId: need(OUTPUT_KEYS.identityPoolId),
    bucket: need(OUTPUT_KEYS.bucket),
    cdnBaseUrl: need(OUTPUT_KEYS.cdnBaseUrl).replace(/\/+$/, ''),
  };
  if (opts.authUrl) {
    if (!/^https:\/\//.test(opts.authUrl) && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(opts.authUrl))
      throw new Error('--auth-url must be https');
    config.authUrl = opts.authUrl;
  }
  return config;
}

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`Unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    args[k] = inline ?? argv[++i] ?? '';
  }
  return args;
}

export function main(argv: string[]): ElementsConfig {
  const args = parseArgs(argv);
  const outputs = JSON.parse(readFileSync(args.outputs ?? 'cdk-outputs.json', 'utf8')) as OutputsFile;
  const config = configFromOutputs(outputs, { stack: args.stack, authUrl: args['auth-url'] });
  const text = JSON.stringify(config, null, 2) + '\n';
  if (args.out) writeFileSync(args.out, text);
  else process.stdout.write(text);
  return config;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`write-config: ${(e as Error).message}`);
    process.exit(1);
  }
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type {
  ConnectorInput,
  ConnectorOutput,
  SourceConnector,
} from '../packages/connectors/src/connector.ts';

/** The real samples of each source, shared by every branch (see its README and FORMAT.md files). */
export const REAL_SAMPLES = '/work/shared/data/real-samples';
export const JP_ROR = '/work/shared/data/jp-research-orgs-ror';

export function samplePath(...parts: string[]): string {
  return path.join(REAL_SAMPLES, ...parts);
}

/** Bytes as a connector input, cut into small chunks so chunk boundaries are exercised. */
export function inputOf(
  name: string,
  bytes: Uint8Array | string,
  chunkSize = 4096,
): ConnectorInput {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return {
    name,
    chunks: (async function* () {
      for (let start = 0; start < buffer.length; start += chunkSize) {
        yield buffer.subarray(start, start + chunkSize);
      }
    })(),
  };
}

export function fileInput(file: string, chunkSize?: number): ConnectorInput {
  return inputOf(path.basename(file), readFileSync(file), chunkSize);
}

export async function parseAll(
  connector: SourceConnector,
  input: ConnectorInput,
): Promise<ConnectorOutput[]> {
  const outputs: ConnectorOutput[] = [];
  for await (const output of connector.parse(input)) outputs.push(output);
  return outputs;
}

export function ofType<T extends ConnectorOutput['type']>(
  outputs: readonly ConnectorOutput[],
  type: T,
): Extract<ConnectorOutput, { type: T }>[] {
  return outputs.filter((o): o is Extract<ConnectorOutput, { type: T }> => o.type === type);
}

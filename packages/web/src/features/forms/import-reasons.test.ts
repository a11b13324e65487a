import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { answerProblem, fileProblem, MAX_UPLOAD_BYTES, skippedReasonIn } from './import-reasons.ts';

describe('a skipped connector record’s reason in the page’s language', () => {
  it('shows the Japanese words on a Japanese page and the English on an English one', () => {
    const skipped = {
      at: 'line 3',
      code: 'history_row',
      values: { number: '1010005016469' },
      reason: 'history row of 1010005016469 (latest = 0)',
      reasonJa: '1010005016469 の履歴の行です（最新 = 0）',
    };
    expect(skippedReasonIn('ja', skipped)).toBe('1010005016469 の履歴の行です（最新 = 0）');
    expect(skippedReasonIn('en', skipped)).toBe('history row of 1010005016469 (latest = 0)');
  });
});

describe('an upload refused before any check, in the page’s words', () => {
  it('knows the server’s limits before sending the file', () => {
    expect(fileProblem({ name: 'a.csv', size: 0 }, true)).toBe('forms2.import.fileEmpty');
    expect(fileProblem({ name: 'a.csv', size: MAX_UPLOAD_BYTES + 1 }, true)).toBe(
      'forms2.import.fileTooLarge',
    );
    expect(fileProblem({ name: 'a.docx', size: 10 }, true)).toBe('forms2.import.fileFormat');
    // A connector's file is told by its content, whatever its name.
    expect(fileProblem({ name: 'a.docx', size: 10 }, false)).toBeNull();
    expect(fileProblem({ name: 'A.XLSX', size: 10 }, true)).toBeNull();
  });

  it('says the server’s refusals by their status, others as given', () => {
    expect(answerProblem(new ApiError(413, 'the file is larger than 20971520 bytes'))).toBe(
      'forms2.import.fileTooLarge',
    );
    expect(answerProblem(new ApiError(429, 'another file of this account is being checked'))).toBe(
      'forms2.import.busy',
    );
    expect(answerProblem(new ApiError(415, 'cannot tell the format'))).toBe(
      'forms2.import.fileFormat',
    );
    expect(answerProblem(new ApiError(500, 'unexpected'))).toBeNull();
    expect(answerProblem(new Error('network'))).toBeNull();
  });
});

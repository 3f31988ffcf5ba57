import type { FieldErrorCode, FieldErrorDraft } from '@tillgate/sdk/protocol';
import type { z } from 'zod';

/** Zod reports a missing field as a wrong type; with `reportInput` it says the input was undefined. */
const missing = (issue: z.core.$ZodIssue): boolean =>
  issue.code === 'invalid_type' &&
  ('input' in issue ? issue.input === undefined : issue.message.endsWith('received undefined'));

/** A length (text, list) rather than a size (number, date). */
const isLength = (issue: { origin?: string }): boolean =>
  issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';

/** The stable code of one zod issue; a refinement names its own in `params.code`. */
function codeOf(issue: z.core.$ZodIssue): FieldErrorCode {
  if (missing(issue)) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid_type';
    case 'too_small':
      return isLength(issue) ? 'too_short' : 'too_small';
    case 'too_big':
      return isLength(issue) ? 'too_long' : 'too_big';
    case 'invalid_format':
      return 'invalid_format';
    case 'invalid_value':
      return 'invalid_value';
    case 'custom':
      return (issue.params?.code as FieldErrorCode | undefined) ?? 'invalid';
    default:
      return 'invalid';
  }
}

/** Zod issues as the fields they name, each with its code; unknown keys are named one by one. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldErrorDraft[] {
  return error.issues.flatMap((issue) => {
    const at = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({
        field: at ? `${at}.${k}` : k,
        code: 'unknown_field' as const,
        message: 'is not a known field',
      }));
    }
    return [{ field: at || '(body)', code: codeOf(issue), message: issue.message }];
  });
}

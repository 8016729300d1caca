import { describe, expect, it } from 'vitest';
import { defaultLesion, LesionSchema } from '@shared/annotation';
import { fieldUpdate, formValue, LESION_FORM, optionForKey } from '../../../src-renderer/reading/lesions/form-fields';

describe('lesion form keyboard table', () => {
  it('every field has one-key shortcuts unique within the field, and unknown on u', () => {
    for (const field of LESION_FORM) {
      const keys = field.options.map((o) => o.key);
      expect(new Set(keys).size, field.id).toBe(keys.length);
      expect(keys.every((k) => k.length === 1), field.id).toBe(true);
      expect(optionForKey(field, 'u')?.value, field.id).toBe('unknown');
      expect(optionForKey(field, 'U')?.value, field.id).toBe('unknown');
    }
  });

  it('maps the keys the e2e test types to the intended values', () => {
    const pick = (id: string, key: string) => optionForKey(LESION_FORM.find((f) => f.id === id) ?? LESION_FORM[0]!, key)?.value;
    expect(pick('pain', 'm')).toBe('mechanical');
    expect(pick('boneLesion', 'l')).toBe('lytic');
    expect(pick('collapse', 'l')).toBe('lt50');
    expect(pick('collapse', 'g')).toBe('gt50');
    expect(pick('alignment', 'n')).toBe('normal');
    expect(pick('posterolateral', '1')).toBe('unilateral');
    expect(pick('escc', '0')).toBe('0');
    expect(pick('escc', 'b')).toBe('1b');
    expect(pick('escc', '3')).toBe('3');
    expect(pick('cordSignalChange', 'y')).toBe('true');
    expect(pick('instabilityJudgement', 'i')).toBe('unstable');
    expect(pick('pain', 'z')).toBeUndefined();
  });

  it('ESCC options carry the grade definitions; SINS options their points', () => {
    const escc = LESION_FORM.find((f) => f.id === 'escc');
    expect(escc?.options.find((o) => o.value === '1c')?.definition).toMatch(/abutted/);
    expect(LESION_FORM.find((f) => f.id === 'pain')?.options.find((o) => o.value === 'mechanical')?.points).toBe(3);
    expect(LESION_FORM.find((f) => f.id === 'pain')?.hint).toMatch(/Never inferred/);
  });

  it('every field starts at unknown, and every option produces a value the lesion schema accepts', () => {
    const lesion = defaultLesion('les-1', ['L1']);
    for (const field of LESION_FORM) {
      expect(formValue(lesion, field.id), field.id).toBe('unknown');
      for (const option of field.options) {
        const value = fieldUpdate(lesion, field.id, option.value);
        expect(LesionSchema.shape[field.id].safeParse(value).success, `${field.id}=${option.value}`).toBe(true);
        expect(formValue({ ...lesion, [field.id]: value }, field.id)).toBe(option.value);
      }
    }
  });

  it('a typed collapse keeps its measurement link and is recorded as the reader overriding it', () => {
    const lesion = { ...defaultLesion('les-1', ['L1']), collapse: { value: 'lt50' as const, source: 'measurement-confirmed' as const, measurementId: 'msr-1' } };
    expect(fieldUpdate(lesion, 'collapse', 'gt50')).toEqual({ value: 'gt50', source: 'measurement-overridden', measurementId: 'msr-1' });
    expect(fieldUpdate(defaultLesion('les-2', ['L1']), 'collapse', 'none')).toEqual({ value: 'none', source: 'reader' });
  });
});

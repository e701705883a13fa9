import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPersonName, maskPhone } from './masking.ts';

describe('masking', () => {
  it('should keep the surname of a name', () => {
    expect(maskPersonName('张三丰')).toBe('张**');
    expect(maskPersonName('李四')).toBe('李*');
    expect(maskPersonName('王')).toBe('王*');
    expect(maskPersonName(null)).toBeNull();
  });

  it('should keep 3+4 digits of a mobile and the last four of a landline', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0551-6212345')).toBe('********2345');
    expect(maskPhone('123')).toBe('***');
  });

  it('should keep the region and the last four of an ID number', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234');
    expect(maskIdNumber('11010519900101123X')).toBe('110105********123X');
    expect(maskIdNumber('12345')).toBe('*****');
  });
});

import { describe, expect, it } from 'vitest';
import { callerNumberVariants } from './caller-history.js';

describe('caller number forms for the screen-pop history', () => {
  it('finds a mobile number behind a country or trunk prefix', () => {
    expect(callerNumberVariants('+8613811112222')).toContain('13811112222');
    expect(callerNumberVariants('008613811112222')).toContain('13811112222');
    expect(callerNumberVariants('8613811112222')).toContain('13811112222');
    expect(callerNumberVariants('013811112222')).toContain('13811112222');
    expect(callerNumberVariants('13811112222')).toEqual(['13811112222']);
  });

  it('keeps landlines (area code with trunk 0) and tries them without dashes', () => {
    expect(callerNumberVariants('057188881234')).toEqual(['057188881234']);
    expect(callerNumberVariants('0571-88881234')).toEqual(['0571-88881234', '057188881234']);
    expect(callerNumberVariants('12345')).toEqual(['12345']);
  });
});

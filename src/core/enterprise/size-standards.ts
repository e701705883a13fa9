/**
 * Thresholds of 《中小企业划型标准规定》(工信部联企业〔2011〕300号) as versioned data: each standard has an effective
 * date, and classification picks the one in force on the date asked about. Money in 万元, employees in persons.
 * A standard issued later (MIIT has circulated revisions) is appended here with its own `effectiveFrom`.
 *
 * Shape of every row, from the text of 300号: an enterprise is 中小微 when ANY ceiling condition holds (…以下或…以下);
 * otherwise it is 大型. Of the 中小微, it is 中型 when ALL medium conditions hold (…及以上，且…及以上), else 小型 when
 * ALL small conditions hold, else 微型 (…以下或…以下).
 */

export type SizeMeasure = 'employees' | 'revenue' | 'assets';

export interface Threshold {
  measure: SizeMeasure;
  value: number;
}

export interface SizeRow {
  key: string;
  /** The row's industry as 300号 names it. */
  name: string;
  /**
   * GB/T 4754-2017 code prefixes (with 门类 letter) of the row; the longest matching prefix over all rows wins, and
   * the row with `prefixes: []` is 其他未列明行业, taken when nothing else matches.
   */
  prefixes: string[];
  /** 中小微 when any holds: measure < value. */
  ceiling: Threshold[];
  /** 中型 when all hold: measure ≥ value. */
  medium: Threshold[];
  /** 小型 when all hold: measure ≥ value. */
  small: Threshold[];
}

export interface SizeStandard {
  id: string;
  title: string;
  effectiveFrom: string;
  /** Sections the standard does not apply to (金融业 has its own, 银发〔2015〕309号; 公共管理 and 国际组织 are not enterprises). */
  notApplicable: { prefix: string; reason: string }[];
  rows: SizeRow[];
}

const e = (value: number): Threshold => ({ measure: 'employees', value });
const r = (value: number): Threshold => ({ measure: 'revenue', value });
const a = (value: number): Threshold => ({ measure: 'assets', value });

export const SIZE_STANDARDS: SizeStandard[] = [
  {
    id: '工信部联企业〔2011〕300号',
    title: '中小企业划型标准规定',
    effectiveFrom: '2011-06-18',
    notApplicable: [
      { prefix: 'J', reason: '金融业不适用本规定（另见银发〔2015〕309号）' },
      { prefix: 'S', reason: '公共管理、社会保障和社会组织不适用本规定' },
      { prefix: 'T', reason: '国际组织不适用本规定' },
    ],
    rows: [
      { key: 'agriculture', name: '农、林、牧、渔业', prefixes: ['A'], ceiling: [r(20000)], medium: [r(500)], small: [r(50)] },
      { key: 'industry', name: '工业', prefixes: ['B', 'C', 'D'], ceiling: [e(1000), r(40000)], medium: [e(300), r(2000)], small: [e(20), r(300)] },
      { key: 'construction', name: '建筑业', prefixes: ['E'], ceiling: [r(80000), a(80000)], medium: [r(6000), a(5000)], small: [r(300), a(300)] },
      { key: 'wholesale', name: '批发业', prefixes: ['F51'], ceiling: [e(200), r(40000)], medium: [e(20), r(5000)], small: [e(5), r(1000)] },
      { key: 'retail', name: '零售业', prefixes: ['F52'], ceiling: [e(300), r(20000)], medium: [e(50), r(500)], small: [e(10), r(100)] },
      { key: 'transport', name: '交通运输业', prefixes: ['G53', 'G54', 'G55', 'G56', 'G57', 'G58'], ceiling: [e(1000), r(30000)], medium: [e(300), r(3000)], small: [e(20), r(200)] },
      { key: 'warehousing', name: '仓储业', prefixes: ['G59'], ceiling: [e(200), r(30000)], medium: [e(100), r(1000)], small: [e(20), r(100)] },
      { key: 'postal', name: '邮政业', prefixes: ['G60'], ceiling: [e(1000), r(30000)], medium: [e(300), r(2000)], small: [e(20), r(100)] },
      { key: 'accommodation', name: '住宿业', prefixes: ['H61'], ceiling: [e(300), r(10000)], medium: [e(100), r(2000)], small: [e(10), r(100)] },
      { key: 'catering', name: '餐饮业', prefixes: ['H62'], ceiling: [e(300), r(10000)], medium: [e(100), r(2000)], small: [e(10), r(100)] },
      { key: 'telecom', name: '信息传输业', prefixes: ['I63', 'I64'], ceiling: [e(2000), r(100000)], medium: [e(100), r(1000)], small: [e(10), r(100)] },
      { key: 'software', name: '软件和信息技术服务业', prefixes: ['I65'], ceiling: [e(300), r(10000)], medium: [e(100), r(1000)], small: [e(10), r(50)] },
      { key: 'realEstate', name: '房地产开发经营', prefixes: ['K7010'], ceiling: [r(200000), a(10000)], medium: [r(1000), a(5000)], small: [r(100), a(2000)] },
      { key: 'propertyManagement', name: '物业管理', prefixes: ['K7020'], ceiling: [e(1000), r(5000)], medium: [e(300), r(1000)], small: [e(100), r(500)] },
      { key: 'leasingBusiness', name: '租赁和商务服务业', prefixes: ['L'], ceiling: [e(300), a(120000)], medium: [e(100), a(8000)], small: [e(10), a(100)] },
      { key: 'other', name: '其他未列明行业', prefixes: [], ceiling: [e(300)], medium: [e(100)], small: [e(10)] },
    ],
  },
];

/**
 * The standard in force on `on` (ISO date): the latest whose `effectiveFrom` is not after it.
 * @returns the standard, or undefined before the first one took effect
 */
export function sizeStandardOn(on: string, standards: readonly SizeStandard[] = SIZE_STANDARDS): SizeStandard | undefined {
  return [...standards].filter((s) => s.effectiveFrom <= on).sort((x, y) => y.effectiveFrom.localeCompare(x.effectiveFrom))[0];
}

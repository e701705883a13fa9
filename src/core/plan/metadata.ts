/**
 * Plan-level facts printed around the body: title, issuing office, date, region, plan year.
 * @internal
 */
import type { Paragraph } from './paragraphs.ts';

export interface PlanMeta {
  title: string | null;
  issuer: string | null;
  region: string | null;
  issuedOn: string | null;
  baseYear: number | null;
}

const DOC_TYPE = /(?:实施方案|行动方案|工作方案|方案|行动计划|工作计划|计划|实施意见|意见|若干措施|措施|工作要点|要点|任务清单|清单|实施细则|细则|办法|规划|通知)$/;
const ISSUER_SUFFIX = /(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|党工委|管委会|管理委员会|委员会|领导小组|指挥部|政府)$/;
const RE_DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const RE_CN_DATE_LINE = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
const RE_LABEL_DATE = /(?:成文日期|发文日期|印发日期|发布日期|日期)\s*[:：]?\s*[|｜]?\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})/;

function iso(y: number, m: number, d: number): string | null {
  if (y < 1950 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function cnDigitsToInt(s: string): number {
  const d = '〇一二三四五六七八九';
  let n = 0;
  for (const ch of s) n = n * 10 + Math.max(0, d.indexOf(ch === '○' || ch === '零' ? '〇' : ch));
  return n;
}

function cnSmall(s: string): number {
  const d = '〇一二三四五六七八九';
  if (s.startsWith('十')) return 10 + (s.length > 1 ? d.indexOf(s[1]) : 0);
  if (s.length === 3 && s[1] === '十') return d.indexOf(s[0]) * 10 + d.indexOf(s[2]);
  if (s.length === 2 && s[1] === '十') return d.indexOf(s[0]) * 10;
  return d.indexOf(s);
}

function dateOfLine(t: string): string | null {
  let m = RE_DATE_LINE.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = RE_CN_DATE_LINE.exec(t);
  if (m) return iso(cnDigitsToInt(m[1]), cnSmall(m[2]), cnSmall(m[3]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  return null;
}

/**
 * Reads the plan's title, issuer, date and region from the paragraphs outside the body.
 * @param paras all paragraphs
 * @param bodyStart index of the first numbered paragraph (or first measure) — the header lies before it
 */
export function readMeta(paras: Paragraph[], bodyStart: number): PlanMeta {
  const head = paras.slice(0, Math.max(0, Math.min(bodyStart, 40)));
  let title: string | null = null;
  let issuer: string | null = null;
  let issuedOn: string | null = null;

  // The covering notice's headline ("X关于印发《Y》的通知"), joined when it wraps over lines.
  const notice = noticeHeadline(head);
  // Title: a standalone line ending with a document type, possibly split over two lines.
  for (let i = 0; i < head.length && !title; i++) {
    if (notice && i >= notice.from && i <= notice.to) continue;
    const t = stripDraft(head[i].text);
    if (t.length > 80 || /[。；;！!？?，,:：]/.test(t)) continue;
    // The covering notice ("关于印发…的通知") names the plan; the plan's own title may follow.
    if (WRAPPER.test(t) || /的通知$/.test(t)) continue;
    if (!DOC_TYPE.test(t)) {
      // "X三年行动方案（2023—2025年）" and "X行动方案\n（2023—2025年）".
      if (!YEAR_RANGE_TAIL.test(t) || !DOC_TYPE.test(t.replace(YEAR_RANGE_TAIL, ''))) continue;
    }
    let full = t;
    const prev = i > 0 ? stripDraft(head[i - 1].text) : '';
    if (
      prev &&
      (t.length <= 8 || !/[年月日]/.test(prev)) &&
      prev.length <= 60 &&
      !/[。；;！!？?，,:：《》]/.test(prev) &&
      !dateOfLine(prev) &&
      !ISSUER_SUFFIX.test(prev) &&
      !DOC_TYPE.test(prev) &&
      (t.length <= 12 || (t.length <= 30 && prev.length >= 6)) &&
      !(notice && i - 1 >= notice.from && i - 1 <= notice.to) &&
      !/关于|^[\u4e00-\u9fa5]{0,3}[〔\[（(]\d{4}[〕\]）)]|号$/.test(prev)
    )
      full = prev + t;
    const next = i + 1 < head.length ? head[i + 1].text.trim() : '';
    if (YEAR_RANGE_LINE.test(next) && !YEAR_RANGE_TAIL.test(full)) full += next;
    title = full;
  }
  if (!title && notice) title = notice.inner;
  // …or the name in 《》 of the document that a covering note or report says was issued.
  if (!title) {
    for (const p of paras.slice(0, Math.max(bodyStart + 3, 5))) {
      const re = /《([^《》]{4,80})》/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(p.text))) {
        const name = m[1];
        if (!DOC_TYPE.test(name)) continue;
        const around = p.text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 16);
        if (/印发|出台|制定|发布/.test(around) && !/根据|按照|依据|贯彻落实《/.test(p.text.slice(Math.max(0, m.index - 6), m.index))) {
          title = name;
          break;
        }
      }
      if (title) break;
    }
  }

  // Issuer and date: short standalone lines, in the header or in the signature at the end.
  const tail = paras.slice(Math.max(bodyStart, paras.length - 6));
  for (const group of [head, tail]) {
    for (let i = 0; i < group.length; i++) {
      const t = group[i].text;
      if (!issuedOn) {
        const d = dateOfLine(t);
        if (d) {
          issuedOn = d;
          const prev = i > 0 ? group[i - 1].text : '';
          if (!issuer && prev.length <= 30 && ISSUER_SUFFIX.test(prev) && !/[。，,；;：:]/.test(prev)) issuer = prev;
        }
      }
      if (!issuer && t.length <= 30 && ISSUER_SUFFIX.test(t) && !/[。，,；;：:、]/.test(t) && !DOC_TYPE.test(t)) {
        const next = i + 1 < group.length ? group[i + 1].text : '';
        if (dateOfLine(next)) issuer = t;
      }
    }
  }
  if (!issuedOn) {
    for (const p of head.slice(0, 10)) {
      const m = RE_LABEL_DATE.exec(p.text);
      if (m) {
        issuedOn = iso(+m[1], +m[2], +m[3]);
        if (issuedOn) break;
      }
    }
  }
  if (!issuer) {
    // A web page's header table: "发文机关: | 国务院办公厅 |".
    for (const p of head.slice(0, 10)) {
      const m = /(?:发文机关|发布机构|发文单位|制发机关|发文机构)\s*[:：]?\s*[|｜]?\s*([\u4e00-\u9fa5]{2,30})/.exec(p.text);
      if (m && ISSUER_SUFFIX.test(m[1]) || (m && /(?:部|厅|局|委|署|院|行)$/.test(m[1]))) {
        issuer = m[1];
        break;
      }
    }
  }
  if (!issuer) {
    // A report: "X党工委……印发实施《…》".
    for (const p of paras.slice(0, Math.max(bodyStart + 3, 5))) {
      const m = /([\u4e00-\u9fa5]{2,16}?(?:党工委|管委会|人民政府办公室|人民政府办公厅|人民政府|党委))[^。]{0,90}印发/.exec(p.text);
      if (m) {
        issuer = m[1].replace(/^.*?(?:，|,|。|、)/, '');
        break;
      }
    }
  }
  const region = readRegion(issuer, title, head, paras);
  return { title, issuer, region, issuedOn, baseYear: null };
}

/** A covering notice's headline: "关于印发…的通知", "关于转发…的通知". */
const WRAPPER = /关于(?:印发|转发|印送|下发)/;
/** "（2023—2025年）" after a title. */
const YEAR_RANGE_TAIL = /[（(]\d{4}\s*[-—–－~～至]+\s*\d{4}\s*年?[）)]$/;
const YEAR_RANGE_LINE = /^[（(]\d{4}\s*[-—–－~～至]+\s*\d{4}\s*年?[）)]$/;

/**
 * The covering notice's headline in the header, joined over up to three lines, and the plan name
 * it carries: the name in 《》, else the words between 印发 and 的通知; a nested wrapper
 * ("关于转发《…关于印发Y的通知》的通知") is unwrapped down to Y.
 */
function noticeHeadline(head: Paragraph[]): { from: number; to: number; inner: string } | null {
  for (let i = 0; i < Math.min(head.length, 12); i++) {
    if (!WRAPPER.test(head[i].text) || /[。；;！？]/.test(head[i].text)) continue;
    let text = head[i].text.trim();
    let to = i;
    while (!/通知$/.test(text) && to + 1 < head.length && to - i < 2 && head[to + 1].text.length <= 60 && !/[。；;：:]/.test(head[to + 1].text)) {
      to++;
      text += head[to].text.trim();
    }
    if (!/通知$/.test(text)) continue;
    let inner = text;
    for (let guard = 0; guard < 3; guard++) {
      const q = /《(.+)》/.exec(inner);
      const m = q ? null : /关于(?:印发|转发|印送|下发)(.{4,120}?)的通知$/.exec(inner);
      const next = q ? q[1] : m ? m[1] : null;
      if (!next || next === inner) break;
      inner = next;
      if (!WRAPPER.test(inner)) break;
    }
    if (inner === text || inner.length < 4) return null;
    return { from: i, to, inner: inner.trim() };
  }
  return null;
}

function stripDraft(t: string): string {
  return t.replace(/[（(](?:征求意见稿|送审稿|讨论稿|试行|草案|代拟稿)[)）]$/, '').trim();
}

const RE_PLACE = /^[\u4e00-\u9fa5]{1,12}?(?:自治州|自治县|新区|省|市|州|县|区|盟|旗)$/;

/** The place an office belongs to: "中共湘阴县委" -> "湘阴县", "济南市钢城区人民政府办公室" -> "济南市钢城区". */
function placeOfOffice(office: string): string | null {
  const r = office
    .replace(/^中共/, '')
    .replace(ISSUER_SUFFIX, '')
    .replace(/(?:人民政府|委员会|党委)$/, '')
    .replace(/([省市州县区盟旗])委$/, '$1');
  return r.length >= 2 && RE_PLACE.test(r) ? r : null;
}

function readRegion(issuer: string | null, title: string | null, head: Paragraph[], paras: Paragraph[]): string | null {
  if (issuer) {
    // A joint signature names one office per place: "中共X县委 X县人民政府".
    for (const office of issuer.split(/[\s\u3000、]+/)) {
      const r = office ? placeOfOffice(office) : null;
      if (r) return r;
    }
  }
  if (title) {
    const m = /^(?:\d{4}年度?)?([\u4e00-\u9fa5]{2,8}?(?:自治州|自治县|新区|省|市|州|县|区|盟|旗))/.exec(title);
    if (m && !/^(?:全市|全省|全州|全县|全区|本市)/.test(m[1])) return m[1];
  }
  // The headline of a covering notice: "X关于印发…的通知", X an office or a bare city name.
  for (const p of head) {
    const m = /^([\u4e00-\u9fa5]{2,20}?)关于印发/.exec(p.text);
    if (!m) continue;
    // A bare two-character name is a city, even one ending in 州 ("泰州" -> "泰州市").
    if (m[1].length === 2) return /^(?:我市|本市|全市|中共)$/.test(m[1]) ? null : m[1] + '市';
    const place = placeOfOffice(m[1]);
    if (place) return place;
  }
  // The most frequent place name in the body.
  const counts = new Map<string, number>();
  const re = /([\u4e00-\u9fa5]{2}市)(?![场民级值面容区属直井县内外])/g;
  let total = 0;
  for (const p of paras) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(p.text)) && total < 5000) {
      total++;
      const name = m[1];
      if (/^[全本各我城该同县市州地省区在和与及向对等的为]|^.[城都超门上]/.test(name)) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let n = 2;
  for (const [k, v] of counts) if (v > n) (best = k), (n = v);
  return best;
}

/**
 * Infers the year that undated deadlines refer to.
 * @returns issue year, else the year in the title, else the most frequent year in deadline phrases
 */
export function inferBaseYear(meta: PlanMeta, paras: Paragraph[]): number | null {
  const t = meta.title ? /(20\d\d)\s*年/.exec(meta.title) : null;
  if (t) return Number(t[1]);
  if (meta.issuedOn) return Number(meta.issuedOn.slice(0, 4));
  const counts = new Map<number, number>();
  const re = /(20\d\d)\s*年\s*(?:底|末|内|前|\d{1,2}\s*月)/g;
  for (const p of paras) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(p.text))) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  }
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n || (c === n && best !== null && y < best)) (best = y), (n = c);
  if (best !== null) return best;
  // Any year the plan aims at ("力争2025年…"), the latest of the most frequent.
  const any = /(?:到|至|力争|争取|在|于)?(20\d\d)\s*年(?!度?以前|前颁布|以来)/g;
  for (const p of paras) {
    any.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = any.exec(p.text))) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  }
  for (const [y, c] of counts) if (c > n || (c === n && best !== null && y > best)) (best = y), (n = c);
  return best;
}

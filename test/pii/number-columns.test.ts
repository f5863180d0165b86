import { createDetector } from '../../plugins/pii-sanitizer/detect';
import { cellsUnder } from '../../plugins/pii-sanitizer/detect/table-lines';

const detector = createDetector();
const of = (category: string, text: string) => detector.detect(text).filter((f) => f.category === category).map((f) => f.value);

const SSNS = ['536904399', '219099999', '078051120', '457555462', '123456780', '501234567', '612349870', '701234568', '400123456', '321654987'];
const DANISH = ['33115163', '38326182', '25960747', '41234567', '52345678', '63456789'];
const dashed = (ssn: string) => `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`;

describe('a table\'s SSN or phone column, every row however far below its header', () => {
  it('reads the cells under a header as written, a Markdown rule line skipped', () => {
    const text = '| Name | SSN |\n|---|---|\n| Ann | 536904399 |\n';
    expect(cellsUnder(text, /^ssn$/i)).toEqual([{ start: text.indexOf('536904399'), value: '536904399', title: 'SSN' }]);
    expect(cellsUnder('a,b\r\n1,2\r\nx', /^b$/)).toEqual([{ start: 7, value: '2', title: 'b' }]);
  });

  it('SSNs in a CSV, a TSV or a Markdown table, bare or dashed', () => {
    expect(of('ssn', `name,ssn\n${SSNS.map((s, i) => `Person ${i},${s}`).join('\n')}`)).toEqual(SSNS);
    expect(of('ssn', `name\tSSN\n${SSNS.map((s, i) => `Person ${i}\t${s}`).join('\n')}`)).toEqual(SSNS);
    expect(of('ssn', `| Name | Social Security Number |\n|---|---|\n${SSNS.map((s, i) => `| Person ${i} | ${dashed(s)} |`).join('\n')}`)).toEqual(
      SSNS.map(dashed),
    );
  });

  it('phones of eight digits in a phone column, in any language the header is', () => {
    expect(of('phone', `navn,telefon\n${DANISH.map((p, i) => `Person ${i},${p}`).join('\n')}`)).toEqual(DANISH);
    expect(of('phone', `name;mobile\n${DANISH.map((p, i) => `Person ${i};${p}`).join('\n')}`)).toEqual(DANISH);
    expect(of('phone', `"name","phone"\n${DANISH.map((p, i) => `"Person ${i}","${p}"`).join('\n')}`)).toEqual(DANISH);
  });

  it('invalid numbers, fillers, other columns and tables without such a header are none', () => {
    expect(of('ssn', 'name,ssn\nA,000123456\nB,666123456\nC,912345678\nD,123\nE,n/a')).toEqual([]);
    expect(of('phone', 'name,phone\nA,n/a\nB,1111111\nC,yes\nD,12')).toEqual([]);
    expect(detector.detect('id,count,phone\n12345678,23456789,\n34567890,45678901,')).toEqual([]);
    expect(detector.detect('id,value\n1,536904399\n2,33115163')).toEqual([]);
    expect(of('phone', 'Release,Phone model\n2024,11223344')).toEqual([]);
  });
});

import { BEYOND_LATIN1, cuedMatches, matches, sticky } from './context';
import { finding, type Detector, type Finding } from './types';

/**
 * Names written in scripts without Latin capitals to read them by: Chinese, Japanese and Korean, Cyrillic, Greek,
 * Arabic and Hebrew, where a phrase or a form's label gives one, in English or in the script's own language ("My name
 * is 王小明", "我叫王小明", "Меня зовут Иван Петров", "اسمي محمد أحمد", "姓名：李娜"). The person rules read Latin
 * capitals and lists; these names have neither.
 */
const INTRODUCTION = String.raw`(?:(?<![A-Za-z])(?:[Mm]y|[Hh]is|[Hh]er) name is|(?<![A-Za-z])[Cc]all me|(?<![A-Za-z])(?:[Ff]ull |[Ff]irst |[Ll]ast )?[Nn]ame[ \t]*:|我叫|我的名字是|我的名字叫|姓名[ \t]*[:：]|私の名前は|名前[ \t]*[:：]|氏名[ \t]*[:：]|제 이름은|이름[ \t]*[:：]|[Мм]еня зовут|[Мм]оё имя|[Мм]ое имя|ФИО[ \t]*:|[Ии]мя[ \t]*:|[Μμ]ε λένε|[Οο]νομάζομαι|[Όό]νομα[ \t]*:|(?<!\p{L})اسمي|الاسم[ \t]*:|(?<!\p{L})שמי(?=[ \t])|(?<!\p{L})שם[ \t]*:)`;
/** What Korean writes after a name ("김민준입니다", "김민준이에요", "김민준 씨"). */
const KOREAN_ENDINGS = '(?:입니다|이에요|예요|이고|이며|이라고|라고|님|씨)';
/** Two to four Han characters or kana, or two to four Hangul syllables, before what is no name's any more. */
const HAN_OR_HANGUL = String.raw`[\p{sc=Han}\p{sc=Katakana}\u30fc]{2,4}(?![\p{sc=Han}\p{sc=Katakana}\u30fc])|\p{sc=Hangul}{2,4}?(?=${KOREAN_ENDINGS}|\P{sc=Hangul}|$)`;
/** One to three capitalised Cyrillic or Greek words. */
const CAPITALISED = String.raw`(?:\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}\p{Ll}+){0,2}`;
/** One to three Arabic or Hebrew words. */
const RIGHT_TO_LEFT = String.raw`[\p{sc=Arabic}\p{sc=Hebrew}]{2,}(?:[ \t]+[\p{sc=Arabic}\p{sc=Hebrew}]{2,}){0,2}`;
const NAME_AFTER_INTRODUCTION = new RegExp(String.raw`${INTRODUCTION}[ \t]*(?<name>${HAN_OR_HANGUL}|${CAPITALISED}|${RIGHT_TO_LEFT})`, 'gu');
/**
 * A Chinese name starts with a surname: the hundred most common, as the phrases that give one ("我叫", "call me") also
 * give other words ("我叫外卖了": I ordered takeout; "call me 明天": tomorrow). Kana make a name Japanese, read as given.
 */
const CHINESE_SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤張劉陳楊黃趙吳孫馬鄭謝許韓馮鄧葉蘇呂盧鍾譚陸賈韋鄒龍陶賀顧龔萬錢'.split(''),
);
const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const HAN_ONLY = /^\p{sc=Han}+$/u;
/** What a form says where no name was given, and words a label takes that name no one. */
const NO_NAME =
  /^(?:必填|必須|未入力|未填写|无|無|なし|없음|필수|입력|테스트|예시|テスト|例|测试|示例|请输入|不详|未知|Обязательн\p{L}*|Поле|Нет|Не|Пример|Тест|Введите|Пусто|Неизвестно)(?:[ \t]|$)/u;
/** A script with no Latin letters: the Latin person rules read the rest. */
const NOT_LATIN = /[^\p{sc=Latin}\p{sc=Common}\p{sc=Inherited}]/u;
/** Any letter of the scripts read here: a text without one skips the pattern. */
const OTHER_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Arabic}\p{sc=Hebrew}]/u;
/** Asked only where a character beyond Latin-1 stands (`BEYOND_LATIN1`): its scripts' properties took 38 µs of 4 KB with a curly quote in it. */
const OTHER_SCRIPT_AT = sticky(OTHER_SCRIPT);

export const personInOtherScriptsDetector: Detector = {
  name: 'person-other-scripts',
  category: 'person',
  priority: 30,
  detect(text) {
    if (cuedMatches(text, BEYOND_LATIN1, OTHER_SCRIPT_AT).next().done) return [];
    const out: Finding[] = [];
    for (const m of matches(text, NAME_AFTER_INTRODUCTION)) {
      const name = m.groups!.name!;
      if (!NOT_LATIN.test(name) || NO_NAME.test(name)) continue;
      if (HAN_ONLY.test(name) && !KANA.test(name) && !CHINESE_SURNAMES.has(name[0]!)) continue;
      out.push(finding(this, m.index + m[0].length - name.length, name, 0.85));
    }
    return out;
  },
};

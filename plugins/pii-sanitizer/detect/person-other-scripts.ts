import { matches } from './context';
import { finding, type Detector, type Finding } from './types';

/**
 * Names written in scripts without Latin capitals to read them by: Chinese, Japanese and Korean, Cyrillic, Greek,
 * Arabic and Hebrew, where a phrase or a form's label gives one, in English or in the script's own language ("My name
 * is 王小明", "我叫王小明", "Меня зовут Иван Петров", "اسمي محمد أحمد", "姓名：李娜"). The person rules read Latin
 * capitals and lists; these names have neither.
 */
const INTRODUCTION = String.raw`(?:(?<![A-Za-z])(?:[Mm]y|[Hh]is|[Hh]er) name is|(?<![A-Za-z])[Cc]all me|(?<![A-Za-z])(?:[Ff]ull |[Ff]irst |[Ll]ast )?[Nn]ame[ \t]*:|我叫|我的名字是|我的名字叫|名字是|姓名[ \t]*[:：]|私の名前は|名前[ \t]*[:：]|氏名[ \t]*[:：]|제 이름은|이름[ \t]*[:：]|[Мм]еня зовут|[Мм]оё имя|[Мм]ое имя|ФИО[ \t]*:|[Ии]мя[ \t]*:|[Μμ]ε λένε|[Οο]νομάζομαι|[Όό]νομα[ \t]*:|اسمي|الاسم[ \t]*:|שמי|שם[ \t]*:)`;
/** What Korean writes after a name ("김민준입니다", "김민준이에요", "김민준 씨"). */
const KOREAN_ENDINGS = '(?:입니다|이에요|예요|이고|이며|이라고|라고|님|씨)';
/** Two to four Han characters or kana, or two to four Hangul syllables, before what is no name's any more. */
const HAN_OR_HANGUL = String.raw`[\p{sc=Han}\p{sc=Katakana}\u30fc]{2,4}(?![\p{sc=Han}\p{sc=Katakana}\u30fc])|\p{sc=Hangul}{2,4}?(?=${KOREAN_ENDINGS}|\P{sc=Hangul}|$)`;
/** One to three capitalised Cyrillic or Greek words. */
const CAPITALISED = String.raw`(?:\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}\p{Ll}+){0,2}`;
/** One to three Arabic or Hebrew words. */
const RIGHT_TO_LEFT = String.raw`[\p{sc=Arabic}\p{sc=Hebrew}]{2,}(?:[ \t]+[\p{sc=Arabic}\p{sc=Hebrew}]{2,}){0,2}`;
const NAME_AFTER_INTRODUCTION = new RegExp(String.raw`${INTRODUCTION}[ \t]*(?<name>${HAN_OR_HANGUL}|${CAPITALISED}|${RIGHT_TO_LEFT})`, 'gu');
/** A script with no Latin letters: the Latin person rules read the rest. */
const NOT_LATIN = /[^\p{sc=Latin}\p{sc=Common}\p{sc=Inherited}]/u;
/** Any letter of the scripts read here: a text without one skips the pattern. */
const OTHER_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Arabic}\p{sc=Hebrew}]/u;

export const personInOtherScriptsDetector: Detector = {
  name: 'person-other-scripts',
  category: 'person',
  priority: 30,
  detect(text) {
    if (!OTHER_SCRIPT.test(text)) return [];
    const out: Finding[] = [];
    for (const m of matches(text, NAME_AFTER_INTRODUCTION)) {
      const name = m.groups!.name!;
      if (NOT_LATIN.test(name)) out.push(finding(this, m.index + m[0].length - name.length, name, 0.85));
    }
    return out;
  },
};

/**
 * Overriding instructions and asking for the hidden prompt in Chinese, Japanese, Korean and Arabic. The tuning data
 * holds none of these languages, so each rule names both halves of the attack: a verb of ignoring with instructions
 * placed before or given to the model ("之前的所有指令", "以前の指示", "이전의 모든 지시", "التعليمات السابقة"), or a
 * request to show the system prompt itself. Chinese and Japanese have no spaces, hence no word edges.
 */
export interface ScriptRule {
  id: string;
  weight: number;
  re: RegExp;
}

const rule = (id: string, weight: number, src: string): ScriptRule => ({ id, weight, re: new RegExp(src, 'u') });

// Chinese (simplified and traditional).
const ZH_IGNORE = '(?:忽略|忽視|忽视|無視|无视|不要理會|不要理会|不要遵守|不要遵循|忘記|忘记|忘掉|拋開|抛开|跳過|跳过)';
const ZH_BEFORE = '(?:之前|以前|先前|此前|上面|上述|前面|原來|原来|原始|最初|你的|你收到的|給你的|给你的)';
const ZH_ORDERS = '(?:指令|指示|说明|說明|规则|規則|设定|設定|命令|提示词|提示詞|系统提示|系統提示)';
const ZH_SYSTEM_PROMPT = '(?:系统提示词?|系統提示詞?|系统指令|系統指令|初始指令|原始指令|隐藏指令|隱藏指令|系统设定|系統設定)';

// Japanese.
const JA_BEFORE = '(?:以前|前|これまで|今まで|上記|先ほど|先程|最初|元|あなた)の';
const JA_ORDERS = '(?:指示|命令|ルール|指令|設定|プロンプト|制約)';

// Korean.
const KO_BEFORE = '(?:이전|앞|위|기존|지금까지|처음|원래|너|당신)(?:의|에)?';
const KO_ORDERS = '(?:지시사항|지시|지침|명령|규칙|프롬프트|설정|제약)';

// Arabic.
const AR_IGNORE = '(?:تجاهل|تجاهلي|تجاهلوا|انس|انسى|انسي|لا\\s+تتبع|لا\\s+تلتزم\\s+ب|تخط|تخطى)';
const AR_ORDERS = '(?:التعليمات|الأوامر|القواعد|الإرشادات|التوجيهات)';

export const OTHER_SCRIPT_RULES: ScriptRule[] = [
  rule('override', 0.8, `${ZH_IGNORE}(?:掉)?(?:[的了\\s,，]|所有|全部|一切|任何){0,3}${ZH_BEFORE}(?:[的\\s]|所有|全部|一切|任何){0,3}${ZH_ORDERS}`),
  rule('prompt_leak', 0.65, `(?:告诉|告訴|显示|顯示|输出|輸出|打印|泄露|洩露|透露|重复|重複|展示|给我看|給我看|说出|說出)(?:我|给我|給我)?(?:你的|您的)?${ZH_SYSTEM_PROMPT}`),
  rule('override', 0.8, `${JA_BEFORE}(?:すべての|全ての)?${JA_ORDERS}(?:を|は)?(?:すべて|全て|全部)?(?:無視|忘れ)`),
  rule('prompt_leak', 0.65, `(?:システムプロンプト|初期指示|システム指示|隠された指示)(?:を|の内容を|の全文を)(?:教え|表示|見せ|出力|繰り返|書き出|公開)`),
  rule('override', 0.8, `${KO_BEFORE}\\s*(?:모든\\s*)?${KO_ORDERS}(?:을|를|은|는|들을)?\\s*(?:모두\\s*|전부\\s*)?(?:무시|잊어|잊고)`),
  rule('prompt_leak', 0.65, `(?:시스템\\s*프롬프트|초기\\s*지시|시스템\\s*지시)(?:를|을|의\\s*내용을)?\\s*(?:보여|알려|출력|공개|말해|반복)`),
  rule('override', 0.8, `${AR_IGNORE}\\s+(?:(?:جميع|كل|كافة)\\s+)?${AR_ORDERS}\\s+(?:السابقة|السابقه|الأصلية|الخاصة\\s+بك|التي\\s+(?:تلقيتها|أعطيت))`),
  rule('prompt_leak', 0.65, `(?:اكشف|اكشفي|أظهر|اظهر|اعرض|أخبرني\\s+(?:عن|ب)|اطبع|كرر|أعطني)\\s+(?:عن\\s+)?(?:موجه|تعليمات|رسالة|أوامر)\\s+النظام`),
];

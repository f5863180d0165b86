import { falseHitReason } from '../../plugins/semantic-cache/false-hit-guard';

const CONTEXT =
  'We run a small online shop selling handmade ceramics. Our team is five people and we use Shopify for the store, Klaviyo for email and Gorgias for support. Customers are mostly in Europe and the US, and orders peak before Christmas. ';

describe('false-hit guard', () => {
  const check = (a: string, b: string) => falseHitReason(a, b, 0.5);

  it.each([
    ['How do I turn on the heater?', 'How do I turn off the heater?', 'antonym'],
    ['Is coffee good for you?', 'Is coffee not good for you?', 'negation'],
    ["Why can't I log in?", 'Why can I log in?', 'negation'],
    ['Book a table for 2 people', 'Book a table for 4 people', 'numbers'],
    ['Book a table for two people', 'Book a table for 3 people', 'numbers'],
    ['What are the best flights to Paris?', 'What are the best flights to Rome?', 'entity'],
    ['How do I learn Python quickly?', 'How do I learn Java quickly?', 'entity'],
    ['How do I cook rice?', 'How do I fix a flat bicycle tyre?', 'words'],
    // Code indented otherwise, and a quoted value in another case.
    ['Does this print?\nfor i in range(3):\n    pass\n    print(i)', 'Does this print?\nfor i in range(3):\n    pass\nprint(i)', 'layout'],
    ["Base64-encode the string 'Secret'", "Base64-encode the string 'SECRET'", 'layout'],
    // Two questions after one long shared context, which an embedding of the start cannot tell apart.
    [`${CONTEXT}Question: how should I handle a refund request for a broken mug?`, `${CONTEXT}Question: what should I wear to the office party?`, 'words'],
    // One asks for more than the other after the shared context.
    [`${CONTEXT}Summarise it in spanish.`, `${CONTEXT}Summarise it.`, 'words'],
    [`${CONTEXT}Summarise it.`, `${CONTEXT}Summarise it, then list the risks for the warehouse project.`, 'words'],
    // A sign, an operator, a comparative, a texture, a direction.
    ['Convert -40 degrees Celsius to Fahrenheit', 'Convert 40 degrees Celsius to Fahrenheit', 'numbers'],
    ['What is 10 - 3?', 'What is 10 / 3?', 'entity'],
    ['Which is heavier, a kilo of feathers or a kilo of steel?', 'Which is lighter, a kilo of feathers or a kilo of steel?', 'antonym'],
    ['How long to boil an egg for a soft yolk?', 'How long to boil an egg for a firm yolk?', 'antonym'],
    ['How do I get to the airport from downtown?', 'How do I get from the airport to downtown?', 'order'],
    ['Convert EUR to USD', 'Convert USD to EUR', 'order'],
    ['Is a cat bigger than a dog?', 'Is a dog bigger than a cat?', 'order'],
    ['Is Python faster than Java for web servers?', 'Is Java faster than Python for web servers?', 'order'],
    // Words of scripts an English word list cannot judge, Chinese read character by character; emoji.
    ['Translate to English: 我饿了', 'Translate to English: 我累了', 'words'],
    ['What does 猫 mean?', 'What does 狗 mean?', 'words'],
    ['请用英语回答：什么是光合作用？', '请用英语回答：什么是黑洞？', 'words'],
    ['Translate to English: أنا جائع', 'Translate to English: أنا متعب', 'words'],
    ['Translate to English: Я голоден', 'Translate to English: Я устал', 'words'],
    ['What is the meaning of the emoji 🍕', 'What is the meaning of the emoji 🎉', 'entity'],
    // Opposites in inflected forms, and classes of one family: who it is for, what is done, which unit, diet, depth.
    ['What is the maximum dose of ibuprofen for adults?', 'What is the maximum dose of ibuprofen for children?', 'antonym'],
    ['How much paracetamol can a toddler take?', 'How much paracetamol can an adult take?', 'antonym'],
    ['Write a formal email declining the meeting', 'Write a formal email accepting the meeting', 'antonym'],
    ['Write a letter rejecting the job offer', 'Write a letter accepting the job offer', 'antonym'],
    ['what temperature is hot in fahrenheit', 'what temperature is hot in celsius', 'antonym'],
    ['give me a vegetarian lasagna recipe', 'give me a vegan lasagna recipe', 'antonym'],
    ['explain quantum computing simply', 'explain quantum computing in detail', 'antonym'],
    ['how do i reset my password', 'how do i change my password', 'antonym'],
    ['Explain how to start a business in Germany', 'Explain how to close a business in Germany', 'antonym'],
    // A swap of one of few content words, and names however they are written.
    ['give me a recipe for chicken soup', 'give me a recipe for beef soup', 'words'],
    ['how long to cook rice', 'how long to cook quinoa', 'words'],
    ['how do i install docker on ubuntu', 'how do i install docker on windows', 'words'],
    ['how to set up nginx on debian', 'how to set up nginx on centos', 'words'],
    ['how do i sort a list in python', 'how do i sort a list in golang', 'words'],
  ])('refuses %j for %j (%s)', (a, b, reason) => {
    expect(check(a, b)).toBe(reason);
  });

  it.each([
    ['How do I turn on the heater?', 'How can I turn on the heater?'],
    ['What is the capital of France?', 'what is the capital city of France'],
    ['Book a table for 2 people', 'Please book a table for 2 people'],
    ['Is coffee good for you?', 'Is coffee good for your health?'],
    ["What's the capital of France? I don't know it", "what's the capital of france? i don't know it"],
    [`${CONTEXT}Question: how should I handle a refund request for a broken mug?`, `${CONTEXT}Question: how do I handle a refund request for a broken mug?`],
    [`${CONTEXT}Summarise it.`, `${CONTEXT}Summarise it, thanks!`],
    [`${CONTEXT}Summarise it.`, `${CONTEXT}Summarise it, cheers!`],
    ['Why does this loop never stop?\r\nwhile True:\r\n    pass   \r\n', 'Why does this loop never stop?\nwhile True:\n    pass\n'],
    ['Translate this to French please', 'Please translate this to French'],
    ['Is 2024-01-05 a Monday?', 'Was 2024-01-05 a Monday?'],
    ['How do I get from the airport to downtown?', 'How do I get to downtown from the airport?'],
    ['Is a dog bigger than a cat?', 'Than a cat, is a dog bigger?'],
    ['Translate to English: 我饿了', 'Please translate this to English: 我饿了'],
    // Other forms, spellings and synonyms of the same words; a word added.
    ['Write a formal email declining the meeting', 'Write a formal e-mail to decline the meeting'],
    ['explain quantum computing simply', 'explain quantum computing in simple terms'],
    ["What's your favourite anime? And why?", "What's your favorite anime? And why?"],
    ['How can I earn money using YouTube?', 'How do I make money through YouTube?'],
    ['How can I lose weight fast?', 'How can I lose weight quickly?'],
    ['What are some incredible facts about Virat Kohli?', 'What are some amazing facts about Virat Kohli?'],
    ['what is the maximum dose of ibuprofen for kids', 'what is the max dose of ibuprofen for children'],
    ['give me a recipe for chicken soup', 'recipe for chicken soup please'],
    ['How do I install Docker on Ubuntu?', 'how to install docker on ubuntu'],
    ['Is artificial intelligent is related to mechatronics?', 'Is artificial intelligence related to mechatronics?'],
  ])('lets %j stand for %j', (a, b) => {
    expect(check(a, b)).toBeUndefined();
  });
});

describe('false-hit guard on identical prompts', () => {
  it.each([
    'Can a 15-year-old get into the stock market?',
    'What is a better pick: judiciary line or civil services (IAS/IPS)? Why?',
    "What are some statistics on the use of Apple's ResearchKit for medical data research?",
    "Rather than using X-rays to detect cancer, isn't genetic analysis a better diagnosis?",
    'What does ~ mean in C++ and C#, version 10.0.1?',
    '请用英语回答：什么是光合作用？',
  ])('never refuses %j for itself', (text) => {
    expect(falseHitReason(text, text, 0.5)).toBeUndefined();
  });
});

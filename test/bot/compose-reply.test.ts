import { describe, expect, it } from 'vitest';
import { botLines, replyLocaleOf, smallTalkText } from '../../bot/compose-reply.ts';

describe('the bot\'s lines', () => {
  it('asks "did you mean" and announces a handoff in the customer\'s language', () => {
    expect(botLines.clarifyIntro('en')).toBe('Did you mean one of these?');
    expect(botLines.clarifyIntro('zh')).toBe('您是想问以下哪个问题？');
    expect(botLines.handoffNotice('zh')).toContain('人工客服');
  });

  it('answers small talk, and an acknowledgement with nothing', () => {
    expect(smallTalkText('greeting', 'en')).toBe('Hello! How can I help you?');
    expect(smallTalkText('acknowledgement', 'zh')).toBe('');
  });
});

describe('replyLocaleOf', () => {
  it('follows the channel\'s language hint only for a message without words', () => {
    expect(replyLocaleOf('/start', 'zh-hans')).toBe('zh');
    expect(replyLocaleOf('/start@shop_bot', 'zh-CN')).toBe('zh');
    expect(replyLocaleOf('👍', 'zh')).toBe('zh');
    expect(replyLocaleOf('/start')).toBe('en');
    expect(replyLocaleOf('hi', 'zh-hans')).toBe('en');
    expect(replyLocaleOf('你好', 'en')).toBe('zh');
  });

  it('replies in Chinese whenever the question has Chinese characters', () => {
    expect(replyLocaleOf('my 订单 is late')).toBe('zh');
    expect(replyLocaleOf('where is my order')).toBe('en');
  });
});

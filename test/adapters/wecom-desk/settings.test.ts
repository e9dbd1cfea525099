import { describe, expect, it } from 'vitest';
import { readWeComDeskSettings } from '../../../adapters/wecom-desk/settings.ts';
import { ConfigError } from '../../../core/errors.ts';

const complete = {
  WECOM_CORP_ID: 'ww46771939afcbc44c', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'S'.repeat(43), WECOM_TOKEN: 'eAUuJ18GCfHq0Jea',
  WECOM_ENCODING_AES_KEY: 'Weqxu1ClKk124PZeBGZ7ZIMaTqeoGOUrncO7JcZi4T8', WECOM_AGENT_CHAT_ID: 'kefuEsc001',
};

describe('readWeComDeskSettings', () => {
  it('is off when nothing is set, and reads a complete appchat configuration', () => {
    expect(readWeComDeskSettings({})).toBeUndefined();
    expect(readWeComDeskSettings(complete)).toMatchObject({ agentId: 1000002, agentChatId: 'kefuEsc001', apiUrl: 'https://qyapi.weixin.qq.com' });
  });

  it.each(['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const)('refuses to start without %s', (name) => {
    expect(() => readWeComDeskSettings({ ...complete, [name]: undefined })).toThrow(ConfigError);
    expect(() => readWeComDeskSettings({ ...complete, [name]: undefined })).toThrow(name);
  });

  it('needs exactly one of the appchat id and the robot URL', () => {
    expect(() => readWeComDeskSettings({ ...complete, WECOM_AGENT_CHAT_ID: undefined })).toThrow(/exactly one/);
    expect(() => readWeComDeskSettings({ ...complete, WECOM_GROUP_ROBOT_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' })).toThrow(/exactly one/);
    expect(readWeComDeskSettings({ ...complete, WECOM_AGENT_CHAT_ID: undefined, WECOM_GROUP_ROBOT_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }))
      .toMatchObject({ groupRobotUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' });
  });
});

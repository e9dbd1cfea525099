/**
 * Published and fresh WXBizMsgCrypt vectors, shared by the crypto and adapter tests.
 * TENCENT: the sample of Tencent's callback documentation and official sample code (WeCom 加解密方案说明,
 * Sample.py / Sample.cs of WXBizMsgCrypt). WECOM_FRESH / OA_FRESH: ../shared/protocols wecom.md §10 and
 * wechat-official.md §7, cross-checked there with @wecom/crypto and wechat-crypto.
 */
export const TENCENT = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  verify: {
    msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
    echoPlain: '1616140317555161061',
  },
  message: {
    msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypt:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
    agentId: '218',
    plain:
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>',
  },
} as const;

export const WECOM_FRESH = {
  token: 'eAUuJ18GCfHq0Jea',
  encodingAesKey: 'Weqxu1ClKk124PZeBGZ7ZIMaTqeoGOUrncO7JcZi4T8',
  corpId: 'ww46771939afcbc44c',
  agentId: 1000002,
  verify: {
    msgSignature: 'c829768dfd5530341df101342fac5b7e1927f191',
    timestamp: '1765399990',
    nonce: '2484986168',
    echostr: 'MHQmb6ySw+yP4jkYaNdOTVEV18go87W3cM51gcaF0VPCoiW/ZoBRV71/KVqEkbFJMHXR/wTE+IUdNSmPFSPTtw==',
    echoPlain: '4294215544765020805',
  },
  message: {
    msgSignature: '7209c5de9baf19d9b72e54159866a820cdae36f0',
    timestamp: '1765400001',
    nonce: '6300138417',
    encrypt:
      'fXmvZeXNdBjOqqzixgBIBjkPNLVd+WjnnbVxSCPpntDWNYRjGS8FURDtfU79iZM9KrRUxaOTDiFMrAt8V/t6I6eCbTpsAuwd7nR3Za/DowDgr87yzl/Dc2tOZj4mSFXHr7cceGZNd1LFfREmP395vzLt+9RMGasp8J5fP/SALfkwNk0hT0fF+KPEVSwonwaGznDwJGQxpAy73RKOHPaMcvpFwazK3RGvXi9I6x2LObasnMZfx6gFr0FrMjs8jRlaIa9RG81YQY3VgYpXaEgT/SvdD0MK7JjLEAMF5lrJxcDxOBtZiH22ecZ9EEbiZ9fTQVP/6fL0Vld9olLkd5ouZtQQeCFfUlwPdhBz0U1/h+cXVh90hm97oyy55RmKrXrvFPQqMKZWr2aMgDsDkFqdXKd8heV7MIO/zrfBTZJ7arwvqO5oJdoYmHNh/elmd9uy4Ni8Nzopno2hcTtg/dZMrW5x/gXsCeYsOc3KoeaTEmxGKZatNtYvpu3Q2P8a0an6',
    random16: 'NDdMgwDfcjvduriH',
    plain:
      '<xml><ToUserName><![CDATA[ww46771939afcbc44c]]></ToUserName><FromUserName><![CDATA[LiLei]]></FromUserName><CreateTime>1765400000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我的订单什么时候发货？order #A1024]]></Content><MsgId>7391826450192837465</MsgId><AgentID>1000002</AgentID></xml>',
  },
  reply: {
    plain:
      '<xml><ToUserName><![CDATA[LiLei]]></ToUserName><FromUserName><![CDATA[ww46771939afcbc44c]]></FromUserName><CreateTime>1765400002</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[已收到，正在为您查询。]]></Content></xml>',
    random16: 'NOHX4U7QYUelt6L1',
    timestamp: '1765400002',
    nonce: '3607841280',
    encrypt:
      'Rl83O4bPfGZwCH2s38s9aRnt1i/xZfBWUc7bsqGav1WDRdNyDeag4PM9aMf5S9nNWUy5okkZYbflvRKWNsOEVLzrt4mUG+90fIZ14awMbZRLgCYxwml0UKO6yNkY+p4jPakX7sBfBnZnZDj/xP8zzoO4WmcGlVSmgJSqCb2qi6TG/eZRSn6GRq16sfItSdfqTgK50vi4ZlOcNKLOmo+OtZW8LmeWBAYxnLmTydFRi9mNLmdgg3455JfCmB0NHjoLYjnssTB9/2GXIGcoQ6InynHt9sFanFAkYXofjmPfpo736HbvhNkO089elQbwuE9nxD0LA9iYLPiHro22bdFklQ8gRh0/MwL71L+7Nmg923nJg7UW+ZMu5eGdDLiry+Td',
    msgSignature: '8bda487fe9221849c9ceec2d21bae67263e82a6a',
  },
} as const;

export const OA_FRESH = {
  token: 'lM6mHvYMovIX',
  encodingAesKey: 'C8fsAkQYxJ4sv3iDmHTNQvdR0c69iWPXlzNGImqKG2Q',
  appId: 'wx9ba34a95e3d93b64',
  verify: { signature: '46889414db2092166f7a914041d204d032cefd62', timestamp: '1761234000', nonce: '1357924680', echostr: '8412093357716520193' },
  message: {
    signature: '115fd0ddd6cec2594aca3d557b2aa9006e6ef5aa',
    timestamp: '1761234568',
    nonce: '6521592175',
    openid: 'oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E',
    msgSignature: '2dde3e5647981f9fefba20689903c463c69675d6',
    encrypt:
      '2BAi0I6KvbLwlPNFyNKTHwI2Us9zJE8hgt9fydpPWb4TGUWSYHofAq68JvUibcMdoySXzDi08CtHExWhEvA0aO6rzkD3J8CUUH1s+qHgwfjB0YjdZNZu/MpTOImCep6T+EE+kMNjT2KsSTS1PKCQf3BGj9Fv8LlTpnE8Q3b4DZRImvpl8eePME6YvMoJiPlQmj+Jn1jbh1Qs7uemI9D4yLeLgReoDdZ48PxDtpEK2UufI2a4OAuy1PbTSLDrApBLD/WaOQRo0OA5R2ayVIPh3O0Xd+B2W+rYE+Vx6QQdrylIlaQUBWrCd59bVE4Fe7vJEfbZcvIiK0AG4MrrTuXYFmpGHpWHqiCH1eOpxkXNHsDOfRhZIY9JIoJSTJpQ1khseVVbXoQ1wFmbSYXwLv5GcaMcLc6h/2GZCNtV4wB1mMZY/M1X2/DnBEHh+Rvghqr+JWtU6MRwxGQRD5Ya9KMGnA==',
    random16: 'BtsmdTU2TiIwlEaq',
    plain:
      '<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><FromUserName><![CDATA[oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E]]></FromUserName><CreateTime>1761234567</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[退货怎么办理？]]></Content><MsgId>24839201746583920</MsgId></xml>',
  },
  reply: {
    plain:
      '<xml><ToUserName><![CDATA[oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E]]></ToUserName><FromUserName><![CDATA[gh_3f9a2b7c1d4e]]></FromUserName><CreateTime>1761234568</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[请在订单页点击“申请售后”。]]></Content></xml>',
    random16: '6V81GMEJB5NKOzSD',
    timestamp: '1761234569',
    nonce: '1566798514',
    encrypt:
      'whLDM8jj46A4AoDO16vEwelXZ8vVN6xCXS0rT+UXptfucwKbArn3h0NrXl6q/zy5kaAYAD3FpU2roAjm0BLMSx13UBbzHbF175FRAhnMpNasAMI5yEuC3ThE7vth9RRrhsPcdVmGe5D+jSZOYOJDwVBz0lAyJgnmu2N951rb1WaXmq8Hg+rEYv5OdKP+FUwR22Si4gwHhLXcjri2Be6z3feUFQ6WZVcovxzBhm6vDjVieCoyv7x2tK8+tNySgfUan2g4c9TXXIBUCSBZSKZQmusqVNiZg0yK9pVazjtaDsNcZaMgmurBgU/jYNB+4hVTT/ubohONaoYrDdpMvoz6pjH738KQqHAqE6vEJJZGEvODFLpBOdgIwifauE7l4TR5/lGOeeVVoybT1xXK0vh+UFq46pXmDy1xy7eGBlOw97U=',
    msgSignature: '7c019cdbfa7cad8cc3a655a4b7f773674790d16e',
  },
} as const;

/**
 * A small bilingual labelled set written for this project (no third-party text), so the default detector
 * works out of the box. The calm side is mostly ordinary customer-service questions and thanks, because
 * that is what a hub sees most; the negative side covers the usual complaint shapes: slow, wrong, broken,
 * money back, rudeness, threats to escalate.
 */
import type { ComplaintExample } from './detector.ts';

const NEGATIVE: readonly string[] = [
  '我要投诉你们的客服', '等了两个小时还没送到，太慢了', '东西是坏的，我要退款', '你们就是骗子',
  '态度太差了，给差评', '到现在都没人理我', '再也不会在你们家买了', '说好的今天发货，又骗人',
  '退钱！马上退钱！', '这是什么垃圾产品', '客服一直不回复，什么意思', '质量太差，用了一天就坏了',
  '送错了，我点的不是这个', '少送了一份，也没人管', '饭都凉了，难吃死了', '打了三次电话都没人接',
  '你们怎么回事？？？', '我已经等了一个星期了', '再不处理我就去12315投诉', '太失望了，完全不像描述的',
  '收到的东西变质了，恶心', '扣了我的钱却没有订单，黑心', '气死我了，第三次出问题了', '别买，千万别买',
  '一直说在处理，到底要多久', '快递员态度恶劣，还骂人', '这服务真的忍无可忍', '无语，又超时了',
  '我要求赔偿', '退款申请提交十天了还没到账', '骗人的，根本没有优惠', '什么玩意儿，包装都破了',
  '你们的系统一直报错，浪费我时间', '说了多少遍了还是不行', '账号被封了也不给理由，太过分了',
  '客服机器人根本没用，我要找人工', '价格比别家贵还这么慢', '再这样我就去曝光你们', '垃圾客服，问什么都不知道',
  '这么久了还没发货，搞什么', '说是新的，结果是二手的', '我要举报这个商家',
  'This is terrible service', 'I want a refund now', 'I have been waiting for two weeks!!!',
  'Your product broke after one day', 'This is a scam', 'Worst experience ever', 'Nobody answers my emails',
  'I am very disappointed with this order', 'Where is my package?? It is a week late',
  'I want to make a complaint', 'This is unacceptable', 'You charged me twice and nobody cares',
  'I will never buy from you again', 'Give me my money back', 'The app is useless, it keeps crashing',
  'Still waiting for a reply, this is ridiculous', 'Your support is awful', 'I am so angry right now',
  'The food arrived cold and late', 'Wrong item again!', 'Cancel my subscription, I am fed up',
  'I will report you to consumer protection', 'Let me talk to a manager', 'WHERE IS MY ORDER',
  'You ripped me off', 'Third time asking, no answer', 'Delivery is way too slow', 'The quality is horrible',
  'Is anyone even reading this?!', 'I am sick of waiting', 'Half of my order was missing',
];

const CALM: readonly string[] = [
  '你好，请问怎么修改收货地址', '谢谢，问题已经解决了', '请问营业时间是几点到几点', '怎么申请发票',
  '可以用支付宝付款吗', '请问有优惠券吗', '我想改一下手机号', '快递一般几天能到', '好的，谢谢你',
  '东西收到了，很满意', '服务很好，点赞', '送餐很快，味道不错', '请问怎么注册账号', '忘记密码了怎么办',
  '你们支持货到付款吗', '请问这个有现货吗', '尺码怎么选', '可以开增值税发票吗', '请问退货流程是怎样的',
  '我想咨询一下会员权益', '在吗？想问个问题', '这个产品保修多久', '可以送到公司吗', '麻烦帮我查一下订单',
  '请问周末发货吗', '包装很好，下次还来', '客服很耐心，谢谢', '请问有没有大一点的包装', '新用户有什么活动',
  '怎么绑定银行卡', '请问可以预约时间送货吗', '收到了，挺好的', '能帮我改成明天送吗', '价格很实惠',
  '请问怎么联系人工客服', '我想取消订单，还没发货', '你们的地址在哪里', '这个颜色还有吗', '辛苦了',
  '非常感谢你的帮助', '请问这个能退款吗，我买错了型号', '怎么查看物流信息', '东西不错，推荐',
  'Hello, how do I change my delivery address?', 'Thanks, that solved it', 'What are your opening hours?',
  'Can I pay by credit card?', 'Do you ship to Canada?', 'How long does delivery usually take?',
  'Great service, thank you!', 'How do I reset my password?', 'Is this item in stock?',
  'Can I get an invoice for my order?', 'What is your return policy?', 'I would like to update my email',
  'The package arrived today, all good', 'Do you have a student discount?', 'Can you check my order status?',
  'Which size should I choose?', 'Thanks for the quick reply', 'Is there a warranty on this product?',
  'Can I change the delivery date?', 'Hi, I have a question about my account', 'Love the new app update',
  'How do I contact a human agent?', 'Where can I find my receipt?', 'Do you offer gift wrapping?',
  'Perfect, thanks a lot', 'Can I cancel my order before it ships?', 'How do I request a refund for a wrong size?',
  'What payment methods do you accept?', 'Good morning', 'Everything works now, cheers',
];

/** The shipped training set for `defaultComplaintDetector`. */
export const DEFAULT_COMPLAINT_EXAMPLES: readonly ComplaintExample[] = [
  ...NEGATIVE.map((text) => ({ text, negative: true })),
  ...CALM.map((text) => ({ text, negative: false })),
];

// A feed whose stories spell a case's parties in ways its watch lacks (alias suggestion tests).

export interface Item {
  guid: string;
  title: string;
  summary: string;
  date: string;
}

export function rss(items: Item[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Spelling Wire</title><link>https://s.example.com/</link>${items
    .map((i) => `<item><title>${esc(i.title)}</title><link>https://s.example.com/${i.guid}</link><guid>${i.guid}</guid><pubDate>${i.date}</pubDate><description>${esc(i.summary)}</description></item>`)
    .join('')}</channel></rss>`;
}

export const ITEMS: Item[] = [
  { guid: 'yf-1', title: '云帆数据起诉前副总裁许振宇 索赔500万元', summary: '云帆数据向北京市海淀区人民法院起诉前副总裁许振宇，指控其带走客户名单。', date: 'Mon, 02 Dec 2024 02:00:00 +0000' },
  { guid: 'yf-2', title: '许振宇回应云帆数据诉讼', summary: '许振宇否认云帆数据的指控。', date: 'Tue, 03 Dec 2024 02:00:00 +0000' },
  // A homophone in a story that names no other party of the case.
  { guid: 'go-1', title: '徐振宇获得围棋冠军', summary: '棋手徐振宇在决赛中获胜。', date: 'Tue, 03 Dec 2024 03:00:00 +0000' },
  { guid: 'cx-1', title: 'Chengxin Technology sues former engineer Timo Roessler', summary: 'The Wuxi chip designer says Roessler took layouts to a rival.', date: 'Wed, 04 Dec 2024 09:00:00 +0000' },
  { guid: 'cx-2', title: '澄芯科技起诉前工程师', summary: '澄芯科技称Timo Roessler带走芯片版图。', date: 'Wed, 04 Dec 2024 10:00:00 +0000' },
  { guid: 'fa-1', title: 'Fathom Robotics（ファゾム・ロボティクス）、Hangyeol Semiconductorを提訴', summary: '米Fathom Robotics（ファゾム・ロボティクス）は東京地裁に特許侵害訴訟を起こした。', date: 'Thu, 05 Dec 2024 01:00:00 +0000' },
  // Names the plaintiff only in katakana: the watch misses it until that spelling is an alias.
  { guid: 'fa-2', title: 'ファゾム・ロボティクス、韓国半導体メーカーを東京地裁に提訴', summary: 'ファゾム・ロボティクスは特許侵害を主張している。', date: 'Fri, 06 Dec 2024 01:00:00 +0000' },
  { guid: 'hy-1', title: 'Hangyeol Semiconductor (한결반도체) answers Fathom Robotics suit', summary: 'The Korean chipmaker denies the patent claims.', date: 'Sat, 07 Dec 2024 01:00:00 +0000' },
];

// Child process of the "articles" section: measures one DOM and prints its figures as one JSON line.
import { measureDom } from './articles.ts';

const dom = process.argv[2];
if (dom !== 'linkedom' && dom !== 'jsdom') {
  console.error('usage: articlesChild.ts linkedom|jsdom');
  process.exit(2);
}
console.log(JSON.stringify(await measureDom(dom)));

// Japanese messages of the service menu after sign-in (merged into ja.ts): the question when the
// kiosk offers several services, and the calm ending when it offers none.
export const menuJa = {
  'menu.choose': 'ご[用件|ようけん]をお[選|えら]びください',
  'menu.none': 'この[端末|たんまつ]でできるお[手続|てつづ]きは、ほかにありません。カードをお[持|も]ち[帰|かえ]りください',
} as const;

// Japanese messages of voice guidance, large text and keypad use (merged into ja.ts). The keypad's
// keys are named as printed on a numeric keypad; their readings make the voice say them clearly.
export const a11yJa = {
  'a11y.large': '[文字|もじ]を[大|おお]きく',
  'a11y.large.state': '[文字|もじ]の[大|おお]きさ {n}%',
  'a11y.repeat': 'もう[一度|いちど]',
  'a11y.speed': '[話|はな]す[速|はや]さ',
  'a11y.speed.slow': 'ゆっくり',
  'a11y.speed.normal': 'ふつう',
  'a11y.speed.fast': 'はやく',
  'a11y.voiceOn': '[音声|おんせい][案内|あんない]を[始|はじ]めます',
  'kp.hint': '[＋|プラス]キーと[－|マイナス]キーで[項目|こうもく]を[選|えら]び、[決定|けってい]キーで[進|すす]みます。[／|スラッシュ]キーで[戻|もど]ります。[＊|アスタリスク]キーでもう[一度|いちど][聞|き]けます',
  'kp.pinHint': '[数字|すうじ]キーで[入力|にゅうりょく]し、[決定|けってい]キーで[確定|かくてい]します。[後退|こうたい]キーで1[字|じ]、[ピリオド|ピリオド]キーで[全部|ぜんぶ][消|け]します。[／|スラッシュ]キーでやめます',
  'kp.focus': '{label}。[決定|けってい]キーで[選|えら]びます',
  'kp.focus.pressed': '{label}。[選|えら]ばれています',
  'kp.focus.disabled': '{label}。[今|いま]は[選|えら]べません',
  'kp.noFocus': '[＋|プラス]キーで[項目|こうもく]を[選|えら]んでください',
  'kp.noBack': 'この[画面|がめん]には[戻|もど]る[操作|そうさ]がありません',
} as const;

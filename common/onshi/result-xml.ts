// parseEligibilityResult / buildEligibilityResult: the 資格確認結果 XML
// (XmlMsg > MessageHeader, MessageBody > ResultList > ResultOfQualificationConfirmation).
import { KioskError } from '../errors';
import {
  BLOCKS, BODY_ELEMENTS, CHOSEN, ELDERLY_ELEMENTS, HEADER_ELEMENTS, LIMIT_ELEMENTS, PUBLIC_EXPENSE_ELEMENTS,
  RESULT_ELEMENTS, ROOT, SEARCH_ELEMENTS, SPECIFIC_DISEASE_ELEMENTS,
} from './elements';
import {
  EligibilityResultFieldsSchema, type EligibilityResult, type EligibilityResultFields, type QualificationResult, type XmlEncoding,
} from './result';
import { blockOf, entriesOf, leavesOf, leavesTree, type Node } from './tree';
import { buildXmlText, CHARACTER_CODE, decodeXml, encodeXml, parseXmlTree } from './xml-codec';

function readResult(node: Node, where: string): QualificationResult {
  const r: QualificationResult = leavesOf(node, RESULT_ELEMENTS, where);
  const limit = blockOf(node, BLOCKS.limit, where);
  if (limit) r.LimitApplicationCertificateRelatedInfo = leavesOf(limit, LIMIT_ELEMENTS, `${where}/${BLOCKS.limit}`);
  const elderly = blockOf(node, BLOCKS.elderly, where);
  if (elderly) r.ElderlyRecipientCertificateInfo = leavesOf(elderly, ELDERLY_ELEMENTS, `${where}/${BLOCKS.elderly}`);
  const diseases = blockOf(node, BLOCKS.specificDiseaseList, where);
  if (diseases) {
    r.SpecificDiseasesCertificateList = entriesOf(diseases, BLOCKS.specificDiseaseInfo, where)
      .map((d) => leavesOf(d, SPECIFIC_DISEASE_ELEMENTS, `${where}/${BLOCKS.specificDiseaseInfo}`));
  }
  const aid = blockOf(node, CHOSEN.publicExpenseList, where);
  if (aid) {
    r[CHOSEN.publicExpenseList] = entriesOf(aid, CHOSEN.publicExpenseInfo, where)
      .map((d) => leavesOf(d, PUBLIC_EXPENSE_ELEMENTS, `${where}/${CHOSEN.publicExpenseInfo}`));
  }
  return r;
}

/** The message root and its header/body, shared by every file of the exchange. */
export function messageOf(tree: Node): { header: Node; body: Node | undefined } {
  const root = blockOf(tree, ROOT, '');
  if (!root) throw new KioskError('input.invalid', `the document is not an ${ROOT}`, { field: ROOT });
  const header = blockOf(root, 'MessageHeader', ROOT);
  if (!header) throw new KioskError('input.invalid', `${ROOT} has no MessageHeader`, { field: 'MessageHeader' });
  return { header, body: blockOf(root, 'MessageBody', ROOT) };
}

/** A result XML (UTF-8 or Shift_JIS) → typed fields plus the XML text verbatim. Throws 'input.invalid'. */
export function parseEligibilityResult(bytes: Uint8Array): EligibilityResult {
  const { xml, encoding } = decodeXml(bytes);
  const { header, body } = messageOf(parseXmlTree(xml));
  const where = `${ROOT}/MessageBody`;
  const list = blockOf(body, BLOCKS.resultList, where);
  const search = blockOf(body, BLOCKS.searchInfo, where);
  const fields: EligibilityResultFields = {
    header: leavesOf(header, HEADER_ELEMENTS, `${ROOT}/MessageHeader`),
    body: leavesOf(body, BODY_ELEMENTS, where),
    ...(search ? { searchInfo: leavesOf(search, SEARCH_ELEMENTS, `${where}/${BLOCKS.searchInfo}`) } : {}),
    results: entriesOf(list, BLOCKS.result, `${where}/${BLOCKS.resultList}`).map((n, i) => readResult(n, `${BLOCKS.result}[${i}]`)),
  };
  const checked = EligibilityResultFieldsSchema.safeParse(fields);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new KioskError('input.invalid', `eligibility result: ${issue?.path.join('/')}: ${issue?.message}`, { field: String(issue?.path.at(-1) ?? 'xml') });
  }
  return { ...fields, encoding, rawXml: xml };
}

function resultTree(r: QualificationResult): Node {
  const node = leavesTree(r, RESULT_ELEMENTS);
  if (r.LimitApplicationCertificateRelatedInfo) node[BLOCKS.limit] = leavesTree(r.LimitApplicationCertificateRelatedInfo, LIMIT_ELEMENTS);
  if (r.ElderlyRecipientCertificateInfo) node[BLOCKS.elderly] = leavesTree(r.ElderlyRecipientCertificateInfo, ELDERLY_ELEMENTS);
  if (r.SpecificDiseasesCertificateList?.length) {
    node[BLOCKS.specificDiseaseList] = { [BLOCKS.specificDiseaseInfo]: r.SpecificDiseasesCertificateList.map((d) => leavesTree(d, SPECIFIC_DISEASE_ELEMENTS)) };
  }
  const aid = r[CHOSEN.publicExpenseList];
  if (aid?.length) node[CHOSEN.publicExpenseList] = { [CHOSEN.publicExpenseInfo]: aid.map((d) => leavesTree(d, PUBLIC_EXPENSE_ELEMENTS)) };
  return node;
}

/** Typed fields → result XML bytes in the encoding (CharacterCodeIdentifier is set to match). */
export function buildEligibilityResult(fields: EligibilityResultFields, encoding: XmlEncoding): Uint8Array {
  const checked = EligibilityResultFieldsSchema.safeParse(fields);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new KioskError('input.invalid', `eligibility result: ${issue?.path.join('/')}: ${issue?.message}`, { field: 'result' });
  }
  const header = leavesTree({ ...fields.header, CharacterCodeIdentifier: CHARACTER_CODE[encoding] }, HEADER_ELEMENTS);
  const body: Node = {};
  if (fields.searchInfo) body[BLOCKS.searchInfo] = leavesTree(fields.searchInfo, SEARCH_ELEMENTS);
  if (fields.results.length) body[BLOCKS.resultList] = { [BLOCKS.result]: fields.results.map(resultTree) };
  Object.assign(body, leavesTree(fields.body, BODY_ELEMENTS));
  return encodeXml(buildXmlText({ [ROOT]: { MessageHeader: header, MessageBody: body } }, encoding), encoding);
}

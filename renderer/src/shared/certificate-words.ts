// A certificate's name in the resident's words: the issuance steps and the staff screen's held
// prints both name it, so it is declared here once.
import type { CertificateTypeView } from '../../../common/api/contract';
import type { MessageKey } from '../i18n';

export const typeKey = (t: CertificateTypeView): MessageKey =>
  t === 'juminhyo' ? 'iss.type.juminhyo' : t === 'kisai' ? 'iss.type.kisai' : 'iss.type.inkan';

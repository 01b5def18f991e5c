// Wire shapes of the certificate service (zod → backoffice/openapi.json). The catalog, a request and
// its answer are declared once in common/backoffice-api, where the kiosk's client reads them too; the
// configuration kiosks pull is the back office's own (config.ts).
export {
  Catalog as CatalogResponse, IssuanceRequest, IssuanceAnswer as IssuanceResponse, ReprintRequest, ReprintAnswer as ReprintResponse,
} from '../../common/backoffice-api';
export { CertificatesConfig as CertificatesConfigResponse } from './config';

import type { MerchantDocument } from '@tillgate/sdk/protocol';
import { type DocumentRecord, findDocument, insertDocument, listDocuments } from '../../store/documents.js';
import { markMerchantStep } from '../../store/merchant-profile.js';
import type { ServiceDeps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { authorize } from './permissions.js';
import type { Principal } from './principal.js';

/** Company documents are PDFs or photos of paper. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

type DocumentType = (typeof DOCUMENT_TYPES)[number];
const isDocumentType = (type: string | undefined): type is DocumentType =>
  (DOCUMENT_TYPES as readonly (string | undefined)[]).includes(type);

/** How each type's files begin: a file is stored under its declared type only if its bytes agree. */
const MAGIC_BYTES: Record<DocumentType, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

const documentView = (d: DocumentRecord): MerchantDocument => ({
  id: d.id,
  name: d.name,
  content_type: d.contentType,
  size: d.size,
  created_at: d.createdAt.toISOString(),
});

/** Panel users only: documents and terms belong to the merchant's people, not to its tills or apps. */
function requireUser(principal: Principal) {
  if (principal.kind !== 'user') throw new ApiError('forbidden', 'Only panel users reach the onboarding');
  return principal;
}

/** The steps an admin completes after activation: accepting the terms and sending the company's documents. */
export class Onboarding {
  constructor(private readonly deps: ServiceDeps) {}

  async acceptTerms(principal: Principal): Promise<void> {
    const user = requireUser(authorize(principal, 'account.manage'));
    await markMerchantStep(this.deps.knex, user.merchantId, 'terms_accepted_at', this.deps.clock.now());
  }

  async upload(
    principal: Principal,
    input: { name: string; contentType: string | undefined; bytes: unknown },
  ): Promise<MerchantDocument> {
    const user = requireUser(authorize(principal, 'account.manage'));
    const contentType = input.contentType?.split(';')[0]?.trim().toLowerCase();
    if (!isDocumentType(contentType))
      throw new ApiError('unsupported_media_type', `Send the document as ${DOCUMENT_TYPES.join(', ')}`);
    if (!Buffer.isBuffer(input.bytes) || input.bytes.length === 0) {
      throw new ApiError('validation_failed', 'The document is empty', [
        { field: '(body)', message: 'must hold the file' },
      ]);
    }
    const magic = MAGIC_BYTES[contentType];
    if (!input.bytes.subarray(0, magic.length).equals(magic))
      throw new ApiError('unsupported_media_type', `The file is not a ${contentType}: its first bytes say otherwise`);
    const document = {
      id: this.deps.ids('doc'),
      merchantId: user.merchantId,
      name: input.name,
      contentType,
      size: input.bytes.length,
      createdAt: this.deps.clock.now(),
    };
    await insertDocument(this.deps.knex, { ...document, bytes: input.bytes });
    return documentView(document);
  }

  /** Company documents are the admin's, like the rest of the account: other roles do not read them. */
  async list(principal: Principal): Promise<{ data: MerchantDocument[]; next_cursor: null }> {
    const user = requireUser(authorize(principal, 'account.manage'));
    return { data: (await listDocuments(this.deps.knex, user.merchantId)).map(documentView), next_cursor: null };
  }

  /** Another merchant's document reads as missing. */
  async download(principal: Principal, id: string) {
    const user = requireUser(authorize(principal, 'account.manage'));
    const document = await findDocument(this.deps.knex, user.merchantId, id);
    if (!document) throw notFound('Document', id);
    return document;
  }
}

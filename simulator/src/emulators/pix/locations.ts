import { randomBytes } from 'node:crypto';
import { invalidCob, notFound } from './problems.js';

/** A payload location as the API Pix shows it (`PayloadLocationCompleta`). */
export interface Loc {
  id: number;
  location: string;
  tipoCob: 'cob';
  criacao: string;
  txid?: string;
}

/**
 * The PSP's payload locations: one made with each charge, or made on its own (`POST /loc`) and linked to
 * one charge at a time — a till's printed QR. A payer's bank reading a location gets the charge linked now.
 */
export class PixLocations {
  private readonly byId = new Map<number, Loc>();
  /** Locations made by `POST /loc`: printed codes, read again and again. */
  private readonly fixed = new Set<number>();
  private nextId = 1;

  constructor(
    private readonly base: () => string,
    private readonly now: () => Date,
  ) {}

  create(options: { fixed: boolean }): Loc {
    const loc: Loc = {
      id: this.nextId++,
      location: `${this.base()}/qr/v2/${randomBytes(16).toString('hex')}`,
      tipoCob: 'cob',
      criacao: this.now().toISOString(),
    };
    this.byId.set(loc.id, loc);
    if (options.fixed) this.fixed.add(loc.id);
    return loc;
  }

  get(id: number | string): Loc {
    const loc = this.byId.get(Number(id));
    if (!loc) throw notFound('PayloadLocationNaoEncontrado', `Location ${id} não encontrada.`);
    return loc;
  }

  isFixed(id: number): boolean {
    return this.fixed.has(id);
  }

  at(location: string): Loc | undefined {
    for (const loc of this.byId.values()) if (loc.location === location) return loc;
    return undefined;
  }

  /** Links a charge; the spec refuses a location already serving another charge. */
  link(id: number | string, txid: string): Loc {
    const loc = this.get(id);
    if (loc.txid !== undefined && loc.txid !== txid)
      throw invalidCob(`A location ${loc.id} já está vinculada a outra cobrança.`, 'cob.loc.id');
    loc.txid = txid;
    return loc;
  }

  /** `DELETE /loc/{id}/txid`: the location serves no charge; answers the charge it served, if any. */
  unlink(id: number | string): { loc: Loc; txid: string | undefined } {
    const loc = this.get(id);
    const txid = loc.txid;
    delete loc.txid;
    return { loc, txid };
  }
}

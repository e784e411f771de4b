/* Generated from schemas/openapi.json by scripts/gen-api-client.ts; do not edit. */
export interface paths {
  '/v1/clips': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List and search clips
     * @description Ranked like `<ine-catalog>`: every word must match a field (prefix), title above tags, outlet and program, above the description; ties newest first. Admins see every clip (filter with `status`); everyone else published, ready clips only.
     */
    get: operations['listClips'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clips/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get one clip
     * @description Drafts are visible to admins only (to anyone else they do not exist). The `ETag` header is the version for `If-Match`.
     */
    get: operations['getClip'];
    put?: never;
    post?: never;
    /**
     * Delete a clip
     * @description Removes the clip from the catalog, its media and its uploaded source. The audit log keeps its last record. During a sensitive period it answers 202 with a publication request instead, which another admin approves.
     */
    delete: operations['deleteClip'];
    options?: never;
    head?: never;
    /**
     * Edit a clip’s metadata
     * @description A JSON merge patch over the clip fields (`null` clears an optional field). `If-Match` with the ETag read is required; on 412 the problem’s `current` holds the clip as it is now, to merge and retry.
     */
    patch: operations['updateClip'];
    trace?: never;
  };
  '/v1/clips/{id}/captions/{lang}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Attach a caption file in one language
     * @description The body is the file: `text/vtt` (WebVTT) or `application/x-subrip` (SubRip, converted to WebVTT), UTF-8, at most 512 KiB, 5000 cues of 500 characters, every cue inside the clip. Cue text keeps only `<b>`, `<i>`, `<u>`; cues out of order are sorted, overlapping ones kept. It becomes the clip’s only track in that language (replacing an extracted or attached one), stored under a new content-addressed URI. The clip must be ready. `If-Match` is optional; when sent, the change is made only on that version.
     */
    put: operations['attachClipCaptions'];
    post?: never;
    /**
     * Remove the clip’s captions in one language
     * @description Removes the clip’s track in that language from its record, attached or extracted (the file stays in the bucket until the clip is deleted). `If-Match` is optional.
     */
    delete: operations['removeClipCaptions'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clips/{id}/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish a clip
     * @description From then on the CDN serves the clip and the public catalog lists it (inside its `publishAt`/`unpublishAt` window). Only a ready clip can be published. Doing it twice is harmless. During a sensitive period it answers 202 with a publication request instead, which another admin approves.
     */
    post: operations['publishClip'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clips/{id}/unpublish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unpublish a clip
     * @description The CDN stops serving the clip and the public catalog drops it. Doing it twice is harmless. During a sensitive period it answers 202 with a publication request instead, which another admin approves.
     */
    post: operations['unpublishClip'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/publication-requests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List pending publication requests
     * @description The requests waiting for a second admin, oldest first, each with the version to send as `If-Match`.
     */
    get: operations['listPublicationRequests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/publication-requests/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a publication request */
    get: operations['getPublicationRequest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/publication-requests/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Approve a publication request
     * @description By an admin other than the requester (compared by identity, not token), naming the request’s version in `If-Match`. Carries out the publish, unpublish or delete on the clip version the request was made on.
     */
    post: operations['approvePublicationRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/publication-requests/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reject a publication request
     * @description By an admin other than the requester, naming the request’s version in `If-Match`. Nothing happens to the clip.
     */
    post: operations['rejectPublicationRequest'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sensitive-periods': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List sensitive periods
     * @description Every period, earliest first; `active` marks the one in progress (server time).
     */
    get: operations['listSensitivePeriods'];
    put?: never;
    /**
     * Create a sensitive period
     * @description From `start` to `end`, publish, unpublish and delete by an admin become requests that a different admin approves.
     */
    post: operations['createSensitivePeriod'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sensitive-periods/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a sensitive period
     * @description Only one that has not started, or has ended. A period in progress stays until its end.
     */
    delete: operations['deleteSensitivePeriod'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clips/{id}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Preview a clip (signed CDN URLs)
     * @description CloudFront signed-URL parameters (custom policy, RSA-SHA1) that open `<cdn>/preview/media/{id}/*` until `expiresAt`, also for a draft. Add `query` to every URL under `folder` (playlists, segments, poster, storyboard), or set `params` as the `CloudFront-Policy`, `CloudFront-Signature` and `CloudFront-Key-Pair-Id` cookies.
     */
    post: operations['previewClip'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clips/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A clip’s history
     * @description The audit entries of one clip, oldest first (also after the clip was deleted).
     */
    get: operations['getClipHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read the audit log
     * @description Oldest first. Every entry carries the hash of the one before (verify the chain with `npm run audit:verify`).
     */
    get: operations['listAudit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List OAuth clients */
    get: operations['listClients'];
    put?: never;
    /**
     * Create an OAuth client
     * @description The secret is in this answer only. A client’s scopes must be within its role’s.
     */
    post: operations['createClient'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clients/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a client’s secret
     * @description Issues a new secret; the previous one keeps working for `previousSecretValidSeconds` (default one day, 0 = stops now), so the system can switch without downtime.
     */
    post: operations['rotateClientSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/clients/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete an OAuth client
     * @description Its secrets stop working at once; tokens already issued expire within 15 minutes.
     */
    delete: operations['deleteClient'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/uploads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start an upload
     * @description Declares the file (size, SHA-256, type, clip metadata) and answers its part plan with presigned URLs: PUT each part’s bytes to its URL, keep each answer’s ETag, then complete. Packaging verifies the size and SHA-256.
     */
    post: operations['createUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/uploads/{id}/parts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * More (or fresh) part URLs
     * @description For parts beyond the first answer’s, or after the URLs expired.
     */
    post: operations['presignUploadParts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/uploads/{id}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Complete an upload
     * @description Checks every part (present, its size, its ETag), assembles the file and starts packaging. The answer names the clip: `clip.ready` (webhook) or `GET /v1/clips/{clipId}` says when it is ready. Completing again answers the same.
     */
    post: operations['completeUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/uploads/{id}/abort': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Abort an upload
     * @description S3 drops its parts. Aborting twice answers the same; a completed upload cannot be aborted.
     */
    post: operations['abortUpload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List webhook subscriptions */
    get: operations['listWebhookSubscriptions'];
    put?: never;
    /**
     * Subscribe a URL to clip events
     * @description Events are POSTed to `url`, signed with the secret in this answer (shown once): `INE-Signature: t=<unix seconds>,v1=<HMAC-SHA256 hex of "<t>.<body>">` (docs/webhooks.md).
     */
    post: operations['createWebhookSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/subscriptions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a webhook subscription */
    get: operations['getWebhookSubscription'];
    put?: never;
    post?: never;
    /**
     * Delete a webhook subscription
     * @description With its delivery log; deliveries still pending are dropped.
     */
    delete: operations['deleteWebhookSubscription'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/subscriptions/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a webhook subscription’s secret
     * @description A new secret, shown once. The previous one keeps signing (a second `v1` in `INE-Signature`) until `previousSecretExpiresAt`, so the receiver can switch without losing deliveries.
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/subscriptions/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A webhook subscription’s delivery log
     * @description Every attempt, newest first: status, duration, error, and when the next retry is due.
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  'clip.ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** `clip.ready`: Packaging finished: the clip can be played (by admins) and published. */
    post: operations['clip_ready_webhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'clip.failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** `clip.failed`: Packaging failed for good; `failureCode` is one of the packaging failure codes (docs/packaging.md). */
    post: operations['clip_failed_webhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'clip.published': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** `clip.published`: The clip was published: the CDN serves it and the public catalog lists it. */
    post: operations['clip_published_webhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'clip.unpublished': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** `clip.unpublished`: The clip was unpublished: the CDN stops serving it. */
    post: operations['clip_unpublished_webhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'clip.deleted': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** `clip.deleted`: The clip and its files were deleted. */
    post: operations['clip_deleted_webhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    /**
     * Clip record (media/<video id>/video.json), storage contract version 1
     * @description Written by packaging (last, once every output exists) and by admins (metadata, publication) with conditional writes. See docs/contract.md and src/contract/video-record.ts.
     */
    VideoRecord: {
      /** @constant */
      schemaVersion: 1;
      /** @description 128+ random bits, hex (32 characters) or base32. */
      id: string;
      /** @enum {unknown} */
      status: 'processing' | 'ready' | 'failed';
      failureReason?: string;
      /** @description Stable code of the failure (e.g. too-long, timed-out), for translated texts; only with failureReason. */
      failureCode?: string;
      /** @description The figures of the failure by name, for translated texts; only with failureCode. */
      failureParams?: {
        [key: string]: string | number;
      };
      published: boolean;
      /** Format: date-time */
      publishedAt?: string;
      metadata: components['schemas']['VideoRecord_metadata'];
      durationSeconds?: number;
      width?: number;
      height?: number;
      /** @description Sorted by bandwidth, lowest first; empty unless status is ready. */
      renditions: components['schemas']['VideoRecord_rendition'][];
      /** @constant */
      master?: 'master.m3u8';
      poster?: string | null;
      storyboard?: string | null;
      captions?: {
        lang: string;
        label: string;
        uri: components['schemas']['VideoRecord_relativeUri'];
        /**
         * @description `attached`: a file an admin attached (Web API); absent: extracted from the source at packaging.
         * @enum {unknown}
         */
        source?: 'attached';
      }[];
      /** @description Every audio track of the source, as HLS audio renditions; exactly one is default. Absent on older records. */
      audioTracks?: {
        /** @description BCP 47 (es, en, nah); und when unknown. */
        lang: string;
        label: string;
        default: boolean;
        channels: number;
        /** @description Audio-only media playlist; absent when the track is muxed into the video renditions. */
        uri?: components['schemas']['VideoRecord_relativeUri'] & string;
      }[];
      /** @description The source was cut short and packaged up to its last complete sample; lostSeconds of its stated duration are missing. */
      incomplete?: {
        lostSeconds: number;
      };
      /** @description The source's own timecode (tmcd track), when it has one. Absent on older records. */
      timecode?: {
        /** @description SMPTE timecode of the first frame; ';' before the frames when drop-frame. */
        start: string;
        frameRate: number;
      };
      source: {
        key: string;
        size: number;
        sha256: string;
      };
      /** @enum {unknown} */
      packager?: 'ffmpeg' | 'remux' | 'mediaconvert';
      packagerNote?: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    } & (unknown & unknown & unknown & unknown);
    VideoRecord_relativeUri: string;
    VideoRecord_metadata: {
      /** @description Title of the clip. */
      title: string;
      /** @description Free text. */
      description?: string;
      /** @description Medio (news outlet). */
      outlet?: string;
      /** @description Programa. */
      program?: string;
      /**
       * Format: date-time
       * @description Broadcast date and time, ISO 8601 with offset.
       */
      broadcastAt?: string;
      /** @description Entidad federativa (one of the 32). */
      state?: string;
      /** @description Free tags. */
      tags?: string[];
      /** @description Political actors the clip concerns: parties, candidates, coalitions. */
      actors?: string[];
      /**
       * Format: date-time
       * @description Embargo: before this instant the CDN refuses the clip and the public catalog does not list it (the edge decides, by server time).
       */
      publishAt?: string;
      /**
       * Format: date-time
       * @description End of publication: from this instant the CDN refuses the clip and the public catalog drops it.
       */
      unpublishAt?: string;
    };
    VideoRecord_rendition: {
      /** @description 0 (with height 0) for the audio-only rendition of an audio-only source. */
      width: number;
      height: number;
      /** @description Peak bits per second, as BANDWIDTH in master.m3u8. */
      bandwidth: number;
      averageBandwidth?: number;
      /** @description RFC 6381, e.g. avc1.64001f,mp4a.40.2 */
      codecs: string;
      uri: components['schemas']['VideoRecord_relativeUri'] & string;
    };
    /**
     * One clip as listed in the catalog (catalog/ and index/ shards, catalog/recent.json), catalog version 1
     * @description Derived from media/<id>/video.json by syncClipRecord (src/catalog/format.ts entryFromRecord). status, published and failureReason appear in the private index/ only. See docs/catalog.md.
     */
    CatalogEntry: {
      id: string;
      /** @description Title of the clip. */
      title: string;
      /** @description Free text. */
      description?: string;
      /** @description Medio (news outlet). */
      outlet?: string;
      /** @description Programa. */
      program?: string;
      /**
       * Format: date-time
       * @description Broadcast date and time, ISO 8601 with offset.
       */
      broadcastAt?: string;
      /** @description Entidad federativa (one of the 32). */
      state?: string;
      /** @description Free tags. */
      tags?: string[];
      /** @description Political actors the clip concerns: parties, candidates, coalitions. */
      actors?: string[];
      /**
       * Format: date-time
       * @description Embargo: before this instant the CDN refuses the clip and the public catalog does not list it (the edge decides, by server time).
       */
      publishAt?: string;
      /**
       * Format: date-time
       * @description End of publication: from this instant the CDN refuses the clip and the public catalog drops it.
       */
      unpublishAt?: string;
      durationSeconds?: number;
      /** @description Relative to media/<id>/, e.g. poster.jpg. */
      poster?: string;
      /** Format: date-time */
      publishedAt?: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Words said in the clip (its caption files), normalized, distinct, space-separated, at most 250 words of at most 28 characters (src/catalog/caption-words.ts); searched with a weight below every metadata field. Writer-side only: a stored chunk keeps them in the writer's state (w/s-<hash>.json), never in what viewers read. */
      captionWords?: string;
      /**
       * @description The clip's caption words are in the index: a search hit may come from what is said in it (the element then finds the moment in the caption file).
       * @constant
       */
      captioned?: true;
      /**
       * @description index/ only.
       * @enum {unknown}
       */
      status?: 'processing' | 'ready' | 'failed';
      /** @description index/ only. */
      published?: boolean;
      /** @description index/ only, when status is failed. */
      failureReason?: string;
      /** @description index/ only, with failureReason: its stable code (the admin catalog shows a translated text for it). */
      failureCode?: string;
    };
    /** @description RFC 9457 problem details; `code` is stable (docs/errors.md). */
    Problem: {
      /** Format: uri */
      type: string;
      title: string;
      status: number;
      detail: string;
      /** @enum {unknown} */
      code:
        | 'TokenMissing'
        | 'TokenExpired'
        | 'TokenInvalid'
        | 'TokenWrongAudience'
        | 'TokenAlgorithmRefused'
        | 'TokenUnknownKey'
        | 'InsufficientScope'
        | 'NotFound'
        | 'MethodNotAllowed'
        | 'MalformedBody'
        | 'InvalidRequest'
        | 'BadCursor'
        | 'UnsupportedMediaType'
        | 'BodyTooLarge'
        | 'PreconditionRequired'
        | 'PreconditionFailed'
        | 'ClipNotReady'
        | 'CaptionFileInvalid'
        | 'IdempotencyKeyInvalid'
        | 'IdempotencyKeyReused'
        | 'IdempotencyInProgress'
        | 'TooManySubscriptions'
        | 'WebhooksUnavailable'
        | 'PreviewUnavailable'
        | 'UploadAborted'
        | 'UploadCompleted'
        | 'UploadIncomplete'
        | 'UploadSizeMismatch'
        | 'UploadEtagMismatch'
        | 'ApprovalRefused'
        | 'RequestDecided'
        | 'SensitivePeriodActive'
        | 'TooManyPendingRequests'
        | 'RateLimited'
        | 'StorageUnavailable'
        | 'ServerError';
      instance: string;
      errors?: {
        pointer: string;
        message: string;
        key?: string;
      }[];
      current?: components['schemas']['ClipDetail'];
      /** @description A publication request as it is now (RequestDecided, PreconditionFailed on a request). */
      currentRequest?: components['schemas']['PublicationRequest'];
    };
    ClipDetail: {
      id: string;
      /** @description The version to send back in If-Match. */
      etag: string;
      record: components['schemas']['VideoRecord'];
      urls: {
        /** Format: uri */
        master?: string;
        /** Format: uri */
        poster?: string;
        renditions?: {
          width: number;
          height: number;
          bandwidth: number;
          /** Format: uri */
          url: string;
        }[];
      };
      embed: {
        /** @description The script tag and the element, ready to paste into a page. */
        html: string;
        script: string;
        element: string;
      };
    };
    ClipPage: {
      items: components['schemas']['CatalogEntry'][];
      /** @description Matches for the whole query. */
      total: number;
      /** @description Opaque; pass as `cursor` for the next page. Absent on the last page. */
      nextCursor?: string;
    };
    AuditEntry: {
      /** @constant */
      schemaVersion: 1;
      seq: number;
      /** Format: date-time */
      at: string;
      actor: {
        sub: string;
        /**
         * @description `service`: the platform itself (packaging).
         * @enum {unknown}
         */
        role: 'viewer' | 'uploader' | 'admin' | 'service';
        clientId?: string;
      };
      /** @enum {unknown} */
      action:
        | 'clip.update'
        | 'clip.publish'
        | 'clip.unpublish'
        | 'clip.delete'
        | 'clip.captions'
        | 'client.create'
        | 'client.rotate-secret'
        | 'client.delete'
        | 'webhook.create'
        | 'webhook.rotate-secret'
        | 'webhook.delete'
        | 'upload.complete'
        | 'packaging.result'
        | 'period.create'
        | 'period.delete'
        | 'approval.request'
        | 'approval.approve'
        | 'approval.reject';
      clipId?: string;
      targetClientId?: string;
      targetSubscriptionId?: string;
      targetRequestId?: string;
      targetPeriodId?: string;
      before: unknown;
      after: unknown;
      /** @description Appended by recovery: the writer journalled the change and stopped before its entry. */
      recovered?: {
        /** Format: date-time */
        intendedAt: string;
        confirmed: boolean;
      };
      /** @description The queued append this entry was sequenced from; no two entries share one. */
      queueId?: string;
      prevHash: string;
      hash: string;
    };
    AuditPage: {
      items: components['schemas']['AuditEntry'][];
      nextCursor?: string;
    };
    Client: {
      clientId: string;
      name: string;
      /** @enum {unknown} */
      role: 'viewer' | 'uploader' | 'admin';
      scopes: (
        | 'clips:read'
        | 'clips:write'
        | 'clips:publish'
        | 'clips:delete'
        | 'clips:preview'
        | 'audit:read'
        | 'clients:manage'
        | 'webhooks:manage'
        | 'uploads:write'
        | 'periods:manage'
        | 'publication:approve'
      )[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      createdBy: string;
      /** Format: date-time */
      previousSecretExpiresAt?: string;
    };
    ClientWithSecret: {
      client: components['schemas']['Client'];
      /** @description Shown once; store it safely. */
      clientSecret: string;
    };
    WebhookSubscription: {
      /** @description Subscription id. */
      id: string;
      url: string;
      events: ('clip.ready' | 'clip.failed' | 'clip.published' | 'clip.unpublished' | 'clip.deleted')[];
      description: string;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      secretRotatedAt?: string;
    };
    WebhookSubscriptionWithSecret: {
      /** @description Subscription id. */
      id: string;
      url: string;
      events: ('clip.ready' | 'clip.failed' | 'clip.published' | 'clip.unpublished' | 'clip.deleted')[];
      description: string;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      secretRotatedAt?: string;
      /** @description The signing secret. Shown only in this answer: store it now. */
      secret: string;
    };
    WebhookSubscriptionList: {
      items: {
        /** @description Subscription id. */
        id: string;
        url: string;
        events: ('clip.ready' | 'clip.failed' | 'clip.published' | 'clip.unpublished' | 'clip.deleted')[];
        description: string;
        createdBy: string;
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        secretRotatedAt?: string;
      }[];
    };
    WebhookSecretRotation: {
      /** @description Subscription id. */
      id: string;
      /** @description The signing secret. Shown only in this answer: store it now. */
      secret: string;
      /** Format: date-time */
      previousSecretExpiresAt: string;
    };
    WebhookDeliveryLog: {
      items: {
        deliveryId: string;
        eventId: string;
        /**
         * @description A webhook event type.
         * @enum {string}
         */
        eventType: 'clip.ready' | 'clip.failed' | 'clip.published' | 'clip.unpublished' | 'clip.deleted';
        attempt: number;
        /**
         * Format: date-time
         * @description When the attempt started.
         */
        at: string;
        /** @description The receiver's HTTP status, when it answered. */
        statusCode?: number;
        durationMs: number;
        /** @description Why the attempt failed (timeout, refused, status…). */
        error?: string;
        /**
         * @description `retrying`: failed, another attempt is scheduled (`nextAttemptAt`); `failed`: the last attempt failed.
         * @enum {string}
         */
        outcome: 'delivered' | 'retrying' | 'failed';
        /** Format: date-time */
        nextAttemptAt?: string;
      }[];
    };
    WebhookEvent:
      | {
          id: string;
          /** @constant */
          type: 'clip.ready';
          /** Format: date-time */
          createdAt: string;
          data: {
            /** @description The clip id (32 lowercase hex digits). */
            clipId: string;
          };
        }
      | {
          id: string;
          /** @constant */
          type: 'clip.failed';
          /** Format: date-time */
          createdAt: string;
          data: {
            /** @description The clip id (32 lowercase hex digits). */
            clipId: string;
            failureCode: string;
            failureReason: string;
          };
        }
      | {
          id: string;
          /** @constant */
          type: 'clip.published';
          /** Format: date-time */
          createdAt: string;
          data: {
            /** @description The clip id (32 lowercase hex digits). */
            clipId: string;
          };
        }
      | {
          id: string;
          /** @constant */
          type: 'clip.unpublished';
          /** Format: date-time */
          createdAt: string;
          data: {
            /** @description The clip id (32 lowercase hex digits). */
            clipId: string;
          };
        }
      | {
          id: string;
          /** @constant */
          type: 'clip.deleted';
          /** Format: date-time */
          createdAt: string;
          data: {
            /** @description The clip id (32 lowercase hex digits). */
            clipId: string;
          };
        };
    Upload: {
      /** @description Upload id. */
      uploadId: string;
      key: string;
      partSize: number;
      partCount: number;
      parts: {
        partNumber: number;
        /**
         * Format: uri
         * @description PUT exactly `size` bytes here (no other headers needed); keep the ETag answered.
         */
        url: string;
        start: number;
        /** @description Exclusive. */
        end: number;
        size: number;
      }[];
      /** Format: date-time */
      urlsExpireAt: string;
    };
    UploadPartUrls: {
      /** @description Upload id. */
      uploadId: string;
      parts: {
        partNumber: number;
        /**
         * Format: uri
         * @description PUT exactly `size` bytes here (no other headers needed); keep the ETag answered.
         */
        url: string;
        start: number;
        /** @description Exclusive. */
        end: number;
        size: number;
      }[];
      /** Format: date-time */
      urlsExpireAt: string;
    };
    CompletedUpload: {
      /** @description Upload id. */
      uploadId: string;
      key: string;
      clipId: string;
      /** @constant */
      state: 'completed';
    };
    AbortedUpload: {
      /** @description Upload id. */
      uploadId: string;
      /** @constant */
      state: 'aborted';
    };
    ClientList: {
      items: components['schemas']['Client'][];
    };
    SensitivePeriod: {
      id: string;
      label: string;
      /** Format: date-time */
      start: string;
      /** Format: date-time */
      end: string;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** @description In progress now (server time). */
      active?: boolean;
    };
    SensitivePeriodList: {
      items: components['schemas']['SensitivePeriod'][];
    };
    PublicationRequest: {
      id: string;
      /** @enum {unknown} */
      action: 'publish' | 'unpublish' | 'delete';
      clipId: string;
      clipTitle: string;
      /** @description The clip version asked about; approval acts on it only (a clip changed since fails the approval). */
      clipEtag: string;
      period: {
        id: string;
        label: string;
      };
      requestedBy: {
        sub: string;
        /** @enum {unknown} */
        role: 'viewer' | 'uploader' | 'admin';
        clientId?: string;
      };
      /** Format: date-time */
      requestedAt: string;
      reason?: string;
      /** @enum {unknown} */
      status: 'pending' | 'approved' | 'rejected' | 'failed';
      decidedBy?: {
        sub: string;
        /** @enum {unknown} */
        role: 'viewer' | 'uploader' | 'admin';
        clientId?: string;
      };
      /** Format: date-time */
      decidedAt?: string;
      failure?: string;
    };
    PublicationRequestList: {
      items: {
        request: components['schemas']['PublicationRequest'];
        /** @description Send as `If-Match` to approve or reject. */
        etag: string;
      }[];
    };
    PublicationDecision: {
      request: components['schemas']['PublicationRequest'];
      /** @description The clip after an approved publish/unpublish; null after a delete. */
      clip?: components['schemas']['ClipDetail'] | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listClips: {
    parameters: {
      query?: {
        q?: string;
        outlet?: string;
        state?: string;
        tag?: string;
        actor?: string;
        from?: string;
        to?: string;
        status?: 'draft' | 'published' | 'processing' | 'failed';
        sort?: 'relevance' | 'date-desc' | 'date-asc' | 'title' | 'duration-desc' | 'duration-asc';
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of matches. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClipPage'];
        };
      };
      /** @description Problem: `InvalidRequest`, `BadCursor`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClip: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The clip. */
      200: {
        headers: {
          /** @description The version to send in If-Match. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClipDetail'];
        };
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteClip: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A sensitive period is in progress: nothing changed; a publication request waits for another admin’s approval. */
      202: {
        headers: {
          /** @description The request’s version (send it as `If-Match` to approve). */
          ETag?: string;
          /** @description The request. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationRequest'];
        };
      };
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TooManyPendingRequests`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateClip: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match': string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Title of the clip. */
          title?: string;
          /** @description Free text. */
          description?: string | null;
          /** @description Medio (news outlet). */
          outlet?: string | null;
          /** @description Programa. */
          program?: string | null;
          /** @description Broadcast date and time, ISO 8601 with offset. */
          broadcastAt?: string | null;
          /** @description Entidad federativa (one of the 32). */
          state?:
            | (
                | 'Aguascalientes'
                | 'Baja California'
                | 'Baja California Sur'
                | 'Campeche'
                | 'Chiapas'
                | 'Chihuahua'
                | 'Ciudad de México'
                | 'Coahuila'
                | 'Colima'
                | 'Durango'
                | 'Estado de México'
                | 'Guanajuato'
                | 'Guerrero'
                | 'Hidalgo'
                | 'Jalisco'
                | 'Michoacán'
                | 'Morelos'
                | 'Nayarit'
                | 'Nuevo León'
                | 'Oaxaca'
                | 'Puebla'
                | 'Querétaro'
                | 'Quintana Roo'
                | 'San Luis Potosí'
                | 'Sinaloa'
                | 'Sonora'
                | 'Tabasco'
                | 'Tamaulipas'
                | 'Tlaxcala'
                | 'Veracruz'
                | 'Yucatán'
                | 'Zacatecas'
              )
            | null;
          /** @description Free tags. */
          tags?: string[] | null;
          /** @description Political actors the clip concerns: parties, candidates, coalitions. */
          actors?: string[] | null;
          /** @description Embargo: before this instant the CDN refuses the clip and the public catalog does not list it (the edge decides, by server time). */
          publishAt?: string | null;
          /** @description End of publication: from this instant the CDN refuses the clip and the public catalog drops it. */
          unpublishAt?: string | null;
        };
      };
    };
    responses: {
      /** @description The clip after the change. */
      200: {
        headers: {
          /** @description The new version. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClipDetail'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `SensitivePeriodActive`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionRequired`. */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  attachClipCaptions: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match'?: string;
      };
      path: {
        id: string;
        lang: string;
      };
      cookie?: never;
    };
    /** @description The caption file (UTF-8). */
    requestBody: {
      content: {
        'text/vtt': string;
        'application/x-subrip': string;
        'text/srt': string;
      };
    };
    responses: {
      /** @description The clip after the change. */
      200: {
        headers: {
          /** @description The new version. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClipDetail'];
        };
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ClipNotReady`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `CaptionFileInvalid`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeClipCaptions: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match'?: string;
      };
      path: {
        id: string;
        lang: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The clip after the change. */
      200: {
        headers: {
          /** @description The new version. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClipDetail'];
        };
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  publishClip: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match'?: string;
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Why (shown to the approving admin during a sensitive period). */
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The clip after the change. */
      200: {
        headers: {
          /** @description The new version. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClipDetail'];
        };
      };
      /** @description A sensitive period is in progress: nothing changed; a publication request waits for another admin’s approval. */
      202: {
        headers: {
          /** @description The request’s version (send it as `If-Match` to approve). */
          ETag?: string;
          /** @description The request. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationRequest'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ClipNotReady`, `TooManyPendingRequests`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  unpublishClip: {
    parameters: {
      query?: never;
      header?: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match'?: string;
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Why (shown to the approving admin during a sensitive period). */
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The clip after the change. */
      200: {
        headers: {
          /** @description The new version. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClipDetail'];
        };
      };
      /** @description A sensitive period is in progress: nothing changed; a publication request waits for another admin’s approval. */
      202: {
        headers: {
          /** @description The request’s version (send it as `If-Match` to approve). */
          ETag?: string;
          /** @description The request. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationRequest'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ClipNotReady`, `TooManyPendingRequests`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listPublicationRequests: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Pending requests. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationRequestList'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getPublicationRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The request. */
      200: {
        headers: {
          /** @description Its version. */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationRequest'];
        };
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  approvePublicationRequest: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match': string;
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Approved and carried out. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationDecision'];
        };
      };
      /** @description Problem: `MalformedBody`, `InvalidRequest`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`, `ApprovalRefused`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RequestDecided`, `ClipNotReady`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionRequired`. */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rejectPublicationRequest: {
    parameters: {
      query?: never;
      header: {
        /** @description The ETag read (GET or a previous change). */
        'If-Match': string;
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Rejected. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublicationDecision'];
        };
      };
      /** @description Problem: `MalformedBody`, `InvalidRequest`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`, `ApprovalRefused`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RequestDecided`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionFailed`. */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `PreconditionRequired`. */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSensitivePeriods: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The periods. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SensitivePeriodList'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createSensitivePeriod: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description What the period is (e.g. “Veda electoral 2027”). */
          label: string;
          /**
           * Format: date-time
           * @description From this instant (inclusive), ISO 8601 with offset.
           */
          start: string;
          /**
           * Format: date-time
           * @description Until this instant (exclusive); later than `start`, at most 400 days after it, and not already past.
           */
          end: string;
        };
      };
    };
    responses: {
      /** @description The period. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SensitivePeriod'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteSensitivePeriod: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `SensitivePeriodActive`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  previewClip: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The grant. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description The CDN base to play from (`<cdn>/preview`): a player with this base and `video-id` finds the clip. */
            cdnBaseUrl: string;
            /** @description The clip’s folder the grant opens. */
            folder: string;
            /** @description `Policy=…&Signature=…&Key-Pair-Id=…` */
            query: string;
            params: {
              Policy: string;
              Signature: string;
              'Key-Pair-Id': string;
            };
            /** Format: date-time */
            expiresAt: string;
          };
        };
      };
      /** @description Problem: `MalformedBody`, `InvalidRequest`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`, `PreviewUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getClipHistory: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of entries. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPage'];
        };
      };
      /** @description Problem: `InvalidRequest`, `BadCursor`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listAudit: {
    parameters: {
      query?: {
        clipId?: string;
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of entries. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPage'];
        };
      };
      /** @description Problem: `InvalidRequest`, `BadCursor`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listClients: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every client (never their secrets). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientList'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createClient: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          /** @enum {unknown} */
          role: 'viewer' | 'uploader' | 'admin';
          scopes: (
            | 'clips:read'
            | 'clips:write'
            | 'clips:publish'
            | 'clips:delete'
            | 'clips:preview'
            | 'audit:read'
            | 'clients:manage'
            | 'webhooks:manage'
            | 'uploads:write'
            | 'periods:manage'
            | 'publication:approve'
          )[];
        };
      };
    };
    responses: {
      /** @description The client and its secret. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientWithSecret'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateClientSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          previousSecretValidSeconds?: number;
        };
      };
    };
    responses: {
      /** @description The client and its new secret. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientWithSecret'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteClient: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createUpload: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          fileName: string;
          /** @description Bytes. */
          size: number;
          /** @description The whole file's SHA-256, hex; packaging verifies it. */
          sha256: string;
          /** @enum {string} */
          contentType: 'video/mp4' | 'video/quicktime';
          metadata: {
            /** @description Title of the clip. */
            title: string;
            /** @description Free text. */
            description?: string;
            /** @description Medio (news outlet). */
            outlet?: string;
            /** @description Programa. */
            program?: string;
            /**
             * Format: date-time
             * @description Broadcast date and time, ISO 8601 with offset.
             */
            broadcastAt?: string;
            /** @description Entidad federativa (one of the 32). */
            state?: string;
            /** @description Free tags. */
            tags?: string[];
            /** @description Political actors the clip concerns: parties, candidates, coalitions. */
            actors?: string[];
            /**
             * Format: date-time
             * @description Embargo: before this instant the CDN refuses the clip and the public catalog does not list it (the edge decides, by server time).
             */
            publishAt?: string;
            /**
             * Format: date-time
             * @description End of publication: from this instant the CDN refuses the clip and the public catalog drops it.
             */
            unpublishAt?: string;
          };
        };
      };
    };
    responses: {
      /** @description The upload, its part plan and the first part URLs. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Upload'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  presignUploadParts: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          partNumbers: number[];
        };
      };
    };
    responses: {
      /** @description The part URLs asked for. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadPartUrls'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UploadAborted`, `UploadCompleted`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  completeUpload: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          parts: {
            partNumber: number;
            etag: string;
          }[];
        };
      };
    };
    responses: {
      /** @description Completed; the clip is being packaged. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompletedUpload'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UploadAborted`, `UploadIncomplete`, `UploadSizeMismatch`, `UploadEtagMismatch`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  abortUpload: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Aborted. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AbortedUpload'];
        };
      };
      /** @description Problem: `MalformedBody`, `InvalidRequest`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UploadCompleted`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookSubscriptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every subscription (never their secrets). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscriptionList'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`, `WebhooksUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWebhookSubscription: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uri
           * @description Where events are POSTed (http or https; private-network addresses are refused on AWS).
           */
          url: string;
          events: ('clip.ready' | 'clip.failed' | 'clip.published' | 'clip.unpublished' | 'clip.deleted')[];
          description?: string;
        };
      };
    };
    responses: {
      /** @description The subscription and its secret. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscriptionWithSecret'];
        };
      };
      /** @description Problem: `InvalidRequest`, `MalformedBody`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TooManySubscriptions`, `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`, `WebhooksUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWebhookSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription (never its secret). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscription'];
        };
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`, `WebhooksUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhookSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`, `WebhooksUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description Same key + same request within 24 h: the first answer again. Same key + another request: 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description The new secret. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSecretRotation'];
        };
      };
      /** @description Problem: `MalformedBody`, `InvalidRequest`, `IdempotencyKeyInvalid`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyInProgress`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `BodyTooLarge`. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `UnsupportedMediaType`. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `IdempotencyKeyReused`. */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`, `WebhooksUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery log. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryLog'];
        };
      };
      /** @description Problem: `InvalidRequest`. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `TokenMissing`, `TokenExpired`, `TokenInvalid`, `TokenWrongAudience`, `TokenAlgorithmRefused`, `TokenUnknownKey`. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `InsufficientScope`. */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `NotFound`. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `RateLimited`. */
      429: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `ServerError`. */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Problem: `StorageUnavailable`, `WebhooksUnavailable`. */
      503: {
        headers: {
          /** @description Seconds to wait. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  clip_ready_webhook: {
    parameters: {
      query?: never;
      header: {
        /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; two `v1` during a secret rotation. */
        'INE-Signature': string;
        /** @description The event’s `id`: de-duplicate on it. */
        'INE-Event-Id': string;
        /** @description The event’s `type`. */
        'INE-Event-Type': string;
        /** @description This event to this subscription, the same on its retries. */
        'INE-Delivery-Id': string;
        /** @description `1` to `6`. */
        'INE-Delivery-Attempt': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent'];
      };
    };
    responses: {
      /** @description Received; anything else (or no answer within the timeout) is retried with backoff. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  clip_failed_webhook: {
    parameters: {
      query?: never;
      header: {
        /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; two `v1` during a secret rotation. */
        'INE-Signature': string;
        /** @description The event’s `id`: de-duplicate on it. */
        'INE-Event-Id': string;
        /** @description The event’s `type`. */
        'INE-Event-Type': string;
        /** @description This event to this subscription, the same on its retries. */
        'INE-Delivery-Id': string;
        /** @description `1` to `6`. */
        'INE-Delivery-Attempt': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent'];
      };
    };
    responses: {
      /** @description Received; anything else (or no answer within the timeout) is retried with backoff. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  clip_published_webhook: {
    parameters: {
      query?: never;
      header: {
        /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; two `v1` during a secret rotation. */
        'INE-Signature': string;
        /** @description The event’s `id`: de-duplicate on it. */
        'INE-Event-Id': string;
        /** @description The event’s `type`. */
        'INE-Event-Type': string;
        /** @description This event to this subscription, the same on its retries. */
        'INE-Delivery-Id': string;
        /** @description `1` to `6`. */
        'INE-Delivery-Attempt': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent'];
      };
    };
    responses: {
      /** @description Received; anything else (or no answer within the timeout) is retried with backoff. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  clip_unpublished_webhook: {
    parameters: {
      query?: never;
      header: {
        /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; two `v1` during a secret rotation. */
        'INE-Signature': string;
        /** @description The event’s `id`: de-duplicate on it. */
        'INE-Event-Id': string;
        /** @description The event’s `type`. */
        'INE-Event-Type': string;
        /** @description This event to this subscription, the same on its retries. */
        'INE-Delivery-Id': string;
        /** @description `1` to `6`. */
        'INE-Delivery-Attempt': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent'];
      };
    };
    responses: {
      /** @description Received; anything else (or no answer within the timeout) is retried with backoff. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  clip_deleted_webhook: {
    parameters: {
      query?: never;
      header: {
        /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`; two `v1` during a secret rotation. */
        'INE-Signature': string;
        /** @description The event’s `id`: de-duplicate on it. */
        'INE-Event-Id': string;
        /** @description The event’s `type`. */
        'INE-Event-Type': string;
        /** @description This event to this subscription, the same on its retries. */
        'INE-Delivery-Id': string;
        /** @description `1` to `6`. */
        'INE-Delivery-Attempt': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent'];
      };
    };
    responses: {
      /** @description Received; anything else (or no answer within the timeout) is retried with backoff. */
      '2XX': {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}

/**
 * The MediaConvert job that makes, on AWS, the same contract the local ffmpeg packager makes
 * (docs/packaging.md): the same ladder (packaging/ladder.ts) no larger than the source,
 * H.264 (QVBR capped at each rung's peak) + AAC, segments of 2 s on a fixed 2 s closed GOP
 * without scene-change keyframes (aligned across renditions), HLS manifests with CODECS / RESOLUTION
 * / BANDWIDTH; and frame captures for the poster (at ~10 % of the duration) and the storyboard
 * thumbnails, which the finish handler turns into `poster.jpg` and `storyboard.vtt`.
 *
 * The audio layout is the local packager's (packaging/audio-tracks.ts `demuxesAudio`, one rule for
 * both): a video clip with one audio track has it muxed into every video rendition, which on
 * MediaConvert means an Apple HLS group of MPEG-2 TS outputs (its CMAF groups never mux), so the
 * player plays it with hls.js light; a clip with several tracks gets a CMAF group with an audio
 * rendition per track (an `EXT-X-MEDIA` audio group with language and default flag).
 */
import type {
  AudioDescription,
  AudioSelector,
  CaptionSelector,
  CreateJobCommandInput,
  H264Settings,
  Output,
  OutputGroup,
  RemixSettings,
  VideoPreprocessor,
} from '@aws-sdk/client-mediaconvert';
import { demuxesAudio, iso6392Of, languageName, planAudioTracks, type AudioTrackPlan, type SourceAudioTrack } from '../../packaging/audio-tracks.js';
import type { FrameRate, ScanDecision } from '../../packaging/scan.js';
import { AUDIO_BITRATE, SEGMENT_SECONDS, planLadder } from '../../packaging/ladder.js';
import { planStoryboard, type StoryboardPlan } from '../../packaging/storyboard.js';

export interface SourceSummary {
  durationSeconds: number;
  width?: number;
  height?: number;
  hasAudio: boolean;
  hasVideo: boolean;
  /** The encoder rate when the source's rate varies (packaging/scan.ts decideFrameRate). */
  variableRate?: FrameRate;
  /** Interlaced or not, when the probe could tell; absent when it could not look at the pictures. */
  scan?: ScanDecision;
  /** Every audio track (absent: one track, the default, as before). */
  audioTracks?: SourceAudioTrack[];
  /**
   * CEA-608 captions the probe found (a QuickTime `c608` track), with the language they are taken
   * to be in (the default audio track's, as locally). SEI captions cannot be seen from the header.
   */
  cea608?: { lang: string };
}

export const CAPTION_SELECTOR = 'Captions Selector 1';

/** MediaConvert's equivalent of the local CEA-608 extraction: one embedded-captions selector (CC1). */
export const captionSelectors = (): Record<string, CaptionSelector> => ({
  [CAPTION_SELECTOR]: {
    SourceSettings: { SourceType: 'EMBEDDED', EmbeddedSourceSettings: { Source608ChannelNumber: 1, Convert608To708: 'DISABLED' } },
  },
});

/**
 * A WebVTT captions rendition (an HLS `TYPE=SUBTITLES` rendition), as locally: in the CMAF group, or
 * in the Apple HLS group (`hls`), where a captions-only output is an M3U8 one.
 */
export function captionsOutput(lang: string, hls = false): Output {
  const name = languageName(lang);
  return {
    NameModifier: `_captions_${lang.replace(/[^A-Za-z0-9-]/g, '') || 'und'}`,
    ...(hls ? { ContainerSettings: { Container: 'M3U8' } } : {}),
    CaptionDescriptions: [
      {
        CaptionSelectorName: CAPTION_SELECTOR,
        CustomLanguageCode: iso6392Of(lang),
        LanguageDescription: `${name ?? 'Subtítulos'} (CC)`,
        DestinationSettings: { DestinationType: 'WEBVTT', WebvttDestinationSettings: { Accessibility: 'ENABLED', StylePassthrough: 'DISABLED' } },
      },
    ],
  };
}

/**
 * The local packager's deinterlacing decision in MediaConvert's terms. Interlaced (flagged, or
 * found by idet): every frame deinterlaced whatever its flag says (FORCE_ALL_FRAMES), one output
 * frame per input frame as locally. Decided progressive: no deinterlacer. Unknown (the Lambda's
 * probe reads the movie header, not the pictures): MediaConvert deinterlaces the frames the stream
 * marks as interlaced (NORMAL), so an unflagged interlaced source stays combed there.
 */
export function deinterlacerFor(scan: ScanDecision | undefined): VideoPreprocessor | undefined {
  if (scan && !scan.interlaced) return undefined;
  return { Deinterlacer: { Algorithm: 'INTERPOLATE', Mode: 'DEINTERLACE', Control: scan?.interlaced ? 'FORCE_ALL_FRAMES' : 'NORMAL' } };
}

/**
 * The local packager's frame-rate decision in MediaConvert's terms: a variable-rate source is
 * converted to the chosen standard rate (frames repeated or dropped, not blended), otherwise the
 * source's own rate is kept.
 */
export function framerateFor(
  variableRate: FrameRate | undefined,
): Pick<H264Settings, 'FramerateControl' | 'FramerateNumerator' | 'FramerateDenominator' | 'FramerateConversionAlgorithm'> {
  if (!variableRate) return { FramerateControl: 'INITIALIZE_FROM_SOURCE' };
  return {
    FramerateControl: 'SPECIFIED',
    FramerateNumerator: variableRate.num,
    FramerateDenominator: variableRate.den,
    FramerateConversionAlgorithm: 'DUPLICATE_DROP',
  };
}

export interface JobParams {
  bucket: string;
  sourceKey: string;
  videoId: string;
  manifestKey: string;
  source: SourceSummary;
  /** IAM role MediaConvert assumes to read the source and write `media/`. */
  roleArn: string;
  queueArn?: string;
  /**
   * The packaging duration limit (packaging/limits.ts), already checked from the probe. The
   * input is also clipped there: MediaConvert has no job time limit, so this bounds what one job can
   * cost even if the probed duration understated the source.
   */
  maxDurationSeconds?: number;
}

/** Where MediaConvert writes, relative to `media/<id>/`. */
export const MASTER_BASENAME = 'master';
export const FRAMES_PREFIX = 'frames/frame';
export const POSTER_MODIFIER = '_poster';
export const THUMB_MODIFIER = '_thumb';

/** What the finish handler needs to know about the job, carried in the job's UserMetadata (strings). */
export interface JobMetadata {
  videoId: string;
  manifestKey: string;
  bucket: string;
  durationSeconds: string;
  width: string;
  height: string;
  storyboardInterval: string;
  tileWidth: string;
  tileHeight: string;
  /** Channels of each source audio track, comma-separated in track order (for the record). */
  audioChannels: string;
  /**
   * The language (BCP 47) of the one audio track muxed into the video renditions, '' when none is:
   * the master then has no audio rendition to read it from, and the record lists it as locally.
   */
  muxedAudioLang: string;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** A video rendition: CMAF (silent, audio in renditions of its own) or, with `muxedAudio`, MPEG-2 TS with that track in it. */
function h264Output(name: string, width: number, height: number, maxBitrate: number, source: SourceSummary, muxedAudio?: AudioTrackPlan): Output {
  const preprocessors = deinterlacerFor(source.scan);
  return {
    NameModifier: `_${name}`,
    ContainerSettings: muxedAudio ? { Container: 'M3U8' } : { Container: 'CMFC' },
    ...(muxedAudio ? { AudioDescriptions: [audioDescription(muxedAudio)] } : {}),
    VideoDescription: {
      Width: width,
      Height: height,
      ScalingBehavior: 'DEFAULT',
      ...(preprocessors ? { VideoPreprocessors: preprocessors } : {}),
      CodecSettings: {
        Codec: 'H_264',
        H264Settings: {
          RateControlMode: 'QVBR',
          QvbrSettings: { QvbrQualityLevel: 7 },
          MaxBitrate: maxBitrate,
          CodecProfile: 'HIGH',
          CodecLevel: 'AUTO',
          GopSize: SEGMENT_SECONDS,
          GopSizeUnits: 'SECONDS',
          GopClosedCadence: 1,
          NumberBFramesBetweenReferenceFrames: 2,
          SceneChangeDetect: 'DISABLED',
          InterlaceMode: 'PROGRESSIVE',
          ...framerateFor(source.variableRate),
          QualityTuningLevel: 'SINGLE_PASS_HQ',
        },
      },
    },
  };
}

/**
 * ITU-R BS.775 stereo from 5.1, as locally (packaging/audio-tracks.ts downmixFilter), in
 * MediaConvert's whole-dB gains (-60 mutes). MediaConvert numbers a 5.1 track's channels
 * L, R, C, LFE, Ls, Rs.
 */
export const DOWNMIX_51: RemixSettings = {
  ChannelsIn: 6,
  ChannelsOut: 2,
  ChannelMapping: { OutputChannels: [{ InputChannels: [0, -60, -3, -60, -3, -60] }, { InputChannels: [-60, 0, -3, -60, -60, -3] }] },
};

/** Selector name of a source audio track. */
export const audioSelectorName = (t: AudioTrackPlan): string => `Audio Selector ${t.source.index + 1}`;
/** NameModifier of an audio rendition: its folder in the local layout (`_audio_<lang>`), `_audio` for radio's default track (no folder). */
export const audioModifier = (t: AudioTrackPlan): string => (t.folder ? `_${t.folder}` : '_audio');

/** One input selector per source track (MediaConvert numbers tracks from 1). */
export function audioSelectors(tracks: AudioTrackPlan[]): Record<string, AudioSelector> {
  return Object.fromEntries(
    tracks.map((t) => [
      audioSelectorName(t),
      { SelectorType: 'TRACK', Tracks: [t.source.index + 1], DefaultSelection: t.default ? 'DEFAULT' : 'NOT_DEFAULT' } satisfies AudioSelector,
    ]),
  );
}

/**
 * An audio-only CMAF rendition per track, all in one HLS audio group (`AudioGroupId`), the default
 * one auto-selected by default; language (ISO 639-2) and name as in the local master playlist.
 */
function audioOutput(t: AudioTrackPlan): Output {
  return {
    NameModifier: audioModifier(t),
    ContainerSettings: {
      Container: 'CMFC',
      CmfcSettings: { AudioGroupId: 'audio', AudioTrackType: t.default ? 'ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT' : 'ALTERNATE_AUDIO_AUTO_SELECT' },
    },
    AudioDescriptions: [audioDescription(t)],
  };
}

/** One source track as stereo AAC, with its language and name (in its own rendition, or muxed into a video one). */
function audioDescription(t: AudioTrackPlan): AudioDescription {
  return {
    AudioSourceName: audioSelectorName(t),
    LanguageCodeControl: 'USE_CONFIGURED',
    CustomLanguageCode: t.iso6392,
    StreamName: t.label,
    ...(t.source.channels === 6 ? { RemixSettings: DOWNMIX_51 } : {}),
    CodecSettings: {
      Codec: 'AAC',
      AacSettings: { Bitrate: AUDIO_BITRATE, CodingMode: 'CODING_MODE_2_0', SampleRate: 48000, CodecProfile: 'LC', RateControlMode: 'CBR' },
    },
  };
}

function frameCapture(modifier: string, width: number, height: number, everySeconds: number, max: number): Output {
  return {
    NameModifier: modifier,
    ContainerSettings: { Container: 'RAW' },
    VideoDescription: {
      Width: width,
      Height: height,
      CodecSettings: {
        Codec: 'FRAME_CAPTURE',
        FrameCaptureSettings: { FramerateNumerator: 1, FramerateDenominator: Math.max(1, Math.round(everySeconds)), MaxCaptures: max, Quality: 80 },
      },
    },
  };
}

export interface BuiltJob {
  input: CreateJobCommandInput;
  storyboard: StoryboardPlan | null;
}

/** `HH:MM:SS:FF` from seconds (zero-based timecode, whole seconds). */
export function timecodeOf(seconds: number): string {
  const t = Math.min(24 * 3600 - 1, Math.max(0, Math.floor(seconds))); // a timecode stays within one day
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(t / 3600))}:${p(Math.floor(t / 60) % 60)}:${p(t % 60)}:00`;
}

/** The CMAF group: fMP4 renditions, audio in renditions of its own (an HLS audio group). */
function cmafGroup(dest: string, outputs: Output[]): OutputGroup {
  return {
    Name: 'HLS CMAF',
    OutputGroupSettings: {
      Type: 'CMAF_GROUP_SETTINGS',
      CmafGroupSettings: {
        Destination: dest + MASTER_BASENAME,
        SegmentLength: SEGMENT_SECONDS,
        FragmentLength: SEGMENT_SECONDS,
        SegmentControl: 'SEGMENTED_FILES',
        SegmentLengthControl: 'GOP_MULTIPLE',
        MinFinalSegmentLength: 0,
        WriteHlsManifest: 'ENABLED',
        WriteDashManifest: 'DISABLED',
        WriteSegmentTimelineInRepresentation: 'DISABLED',
        ManifestDurationFormat: 'FLOATING_POINT',
        StreamInfResolution: 'INCLUDE',
        CodecSpecification: 'RFC_6381',
        ClientCache: 'ENABLED',
        ManifestCompression: 'NONE',
      },
    },
    Outputs: outputs,
  };
}

/**
 * The Apple HLS group: MPEG-2 TS renditions with their audio muxed in, the same 2 s segments on the
 * same GOP, the same manifest (`master.m3u8`, each rendition's playlist beside it).
 */
function hlsGroup(dest: string, outputs: Output[]): OutputGroup {
  return {
    Name: 'HLS TS',
    OutputGroupSettings: {
      Type: 'HLS_GROUP_SETTINGS',
      HlsGroupSettings: {
        Destination: dest + MASTER_BASENAME,
        SegmentLength: SEGMENT_SECONDS,
        SegmentControl: 'SEGMENTED_FILES',
        SegmentLengthControl: 'GOP_MULTIPLE',
        MinSegmentLength: 0,
        MinFinalSegmentLength: 0,
        DirectoryStructure: 'SINGLE_DIRECTORY',
        OutputSelection: 'MANIFESTS_AND_SEGMENTS',
        ManifestDurationFormat: 'FLOATING_POINT',
        StreamInfResolution: 'INCLUDE',
        CodecSpecification: 'RFC_6381',
        ClientCache: 'ENABLED',
        ManifestCompression: 'NONE',
        ProgramDateTime: 'EXCLUDE',
        CaptionLanguageSetting: 'OMIT',
      },
    },
    Outputs: outputs,
  };
}

/** The CreateJob request for one clip. */
export function buildMediaConvertJob(p: JobParams): BuiltJob {
  const dest = `s3://${p.bucket}/media/${p.videoId}/`;
  const { source } = p;
  const video = source.hasVideo && source.width && source.height ? { width: source.width, height: source.height } : null;
  const rungs = video ? planLadder(video.width, video.height) : [];
  const storyboard = video ? planStoryboard(source.durationSeconds, video.width, video.height) : null;

  const tracks = source.hasAudio
    ? source.audioTracks?.length
      ? source.audioTracks
      : [{ index: 0, codec: 'aac', channels: 2, isDefault: true }]
    : [];
  // The local packager's rule (one definition): several tracks with video are demuxed, each its own
  // rendition; otherwise the default track is muxed into the video renditions (no folder).
  const audio = planAudioTracks(tracks, demuxesAudio(tracks.length, !!video));
  const muxed = video ? audio.find((t) => !t.folder) : undefined;
  const groups: OutputGroup[] = [
    muxed
      ? hlsGroup(dest, [
          ...rungs.map((r) => h264Output(r.name, r.width, r.height, r.maxVideoBitrate, source, muxed)),
          // With video the rule muxes a clip's only track: there is no other rendition to add.
          ...(source.cea608 ? [captionsOutput(source.cea608.lang, true)] : []),
        ])
      : cmafGroup(dest, [
          ...rungs.map((r) => h264Output(r.name, r.width, r.height, r.maxVideoBitrate, source)),
          // Radio (no video): each track an audio rendition, as before.
          ...audio.map(audioOutput),
          ...(video && source.cea608 ? [captionsOutput(source.cea608.lang)] : []),
        ]),
  ];
  if (video && storyboard) {
    const posterWidth = Math.min(1280, even(video.width));
    const posterHeight = even((video.height * posterWidth) / video.width);
    groups.push({
      Name: 'Frames',
      OutputGroupSettings: { Type: 'FILE_GROUP_SETTINGS', FileGroupSettings: { Destination: dest + FRAMES_PREFIX } },
      Outputs: [
        // Captures at 0 s and at ~10 % of the duration; the second one becomes poster.jpg.
        frameCapture(POSTER_MODIFIER, posterWidth, posterHeight, Math.max(1, source.durationSeconds * 0.1), 2),
        frameCapture(THUMB_MODIFIER, storyboard.tileWidth, storyboard.tileHeight, storyboard.interval, storyboard.count),
      ],
    });
  }
  const meta: JobMetadata = {
    videoId: p.videoId,
    manifestKey: p.manifestKey,
    bucket: p.bucket,
    durationSeconds: String(source.durationSeconds),
    width: String(video?.width ?? 0),
    height: String(video?.height ?? 0),
    storyboardInterval: String(storyboard?.interval ?? 0),
    tileWidth: String(storyboard?.tileWidth ?? 0),
    tileHeight: String(storyboard?.tileHeight ?? 0),
    audioChannels: audio.map((t) => t.source.channels).join(','),
    muxedAudioLang: muxed?.lang ?? '',
  };
  return {
    storyboard,
    input: {
      Role: p.roleArn,
      ...(p.queueArn ? { Queue: p.queueArn } : {}),
      UserMetadata: { ...meta },
      StatusUpdateInterval: 'SECONDS_60',
      Settings: {
        TimecodeConfig: { Source: 'ZEROBASED' },
        Inputs: [
          {
            FileInput: `s3://${p.bucket}/${p.sourceKey}`,
            TimecodeSource: 'ZEROBASED',
            ...(p.maxDurationSeconds ? { InputClippings: [{ EndTimecode: timecodeOf(p.maxDurationSeconds) }] } : {}),
            ...(video ? { VideoSelector: { Rotate: 'AUTO' } } : {}),
            ...(audio.length ? { AudioSelectors: audioSelectors(audio) } : {}),
            ...(video && source.cea608 ? { CaptionSelectors: captionSelectors() } : {}),
          },
        ],
        OutputGroups: groups,
      },
    },
  };
}

import { matches } from './context';
import { isOneCharacter } from './secret-values';
import { finding, type Detector, type Finding } from './types';

/**
 * What may stand before a host: not part of a longer name, nor an email's "@" (the address is the email's), or a URL's
 * "/" escaped ("http%3A%2F%2Fbucket…").
 */
const EDGE = String.raw`(?<=^|[^\w.%@-]|%2[Ff])`;
const NAME = String.raw`[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*`;
/** An AWS region as hosts and ARNs write it: "us-east-2", "eu-central-1", "us-gov-west-1". */
const AWS_REGION = String.raw`[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d`;
/**
 * S3's endpoints: "s3", "s3.us-east-2", "s3-us-east-2", "s3-website-us-east-1", "s3.dualstack.eu-west-1", "s3-accelerate",
 * an access point's ("name-<account>.s3-accesspoint.us-east-1"), FIPS's.
 */
const S3_ENDPOINT = String.raw`s3(?:-website|-accelerate|-accesspoint|-fips|-external-1)?(?:[.-](?:dualstack\.)?${AWS_REGION}|\.dualstack)?\.amazonaws\.com(?:\.cn)?`;
const UUID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;

interface Shape {
  name: string;
  /** A cheap test that a text may hold one: most texts hold none, and the patterns open with lookbehinds. */
  cue: RegExp;
  pattern: RegExp;
  confidence: number;
  /** Whether a match is one, read in its text: what its shape alone cannot tell. */
  keep?: (text: string, at: number, value: string) => boolean;
  /** The match cut to the identifier, where the characters it may hold may also close what it was written in. */
  trim?: (value: string) => string;
}

/** Words for an account, in the languages prompts come in ("AWS-Konto-ID", "cuenta de AWS", "acct #"). */
const ACCOUNT_WORDS = /account|acct(?![a-z])|(?<![a-z])(?:compte|cuenta|konto|conta|conto)(?![a-z])|アカウント|账户|账号|계정/;
/**
 * Twelve digits are an AWS account's id where an account's word stands just before them and AWS is named in the lines
 * before or just after ("the staging AWS account (1690…)", `account_id = "9445…"` under `aws_caller_identity`,
 * "Account ID 1690… (AWS)"), or where they are what `aws sts get-caller-identity` printed. Twelve digits alone are an
 * order's, a phone's or a bank account's.
 */
function awsAccountId(text: string, at: number, value: string): boolean {
  const before = text.slice(Math.max(0, at - 300), at).toLowerCase();
  if (before.includes('get-caller-identity')) return true;
  const after = text.slice(at + value.length, at + value.length + 20).toLowerCase();
  return ACCOUNT_WORDS.test(before.slice(-60)) && (/(?<![a-z])aws/.test(before) || /(?<![a-z])aws(?![a-z])/.test(after));
}

/** A resource's path may close a sentence or a bracket the ARN was written in: "(see arn:aws:s3:::logs)." */
function trimmedArn(value: string): string {
  // Closing brackets the value holds more of than opening ones, counted once and then as they are cut.
  const unopened: Record<string, number> = {};
  for (const [open, close] of BRACKETS) unopened[close] = count(value, close) - count(value, open);
  let end = value.length;
  while (end > 0) {
    const last = value[end - 1]!;
    if (TRAILING.includes(last)) end--;
    else if ((unopened[last] ?? 0) > 0) {
      unopened[last]!--;
      end--;
    } else break;
  }
  return value.slice(0, end);
}
const BRACKETS = [['(', ')'], ['[', ']'], ['{', '}']] as const;
const TRAILING = '.:?!';
const count = (text: string, char: string) => text.split(char).length - 1;

/** A bucket's name in capitals ("BUCKET_NAME", "MY_BUCKET"): a placeholder, as buckets are named in lower case. */
const namedBucket = (_text: string, _at: number, value: string) => !/^[A-Z0-9_]*[A-Z][A-Z0-9_]*$/.test(value.slice(value.lastIndexOf('/') + 1));

const SHAPES: Shape[] = [
  {
    // partition:service:region:account:resource; region and account empty for global resources ("arn:aws:s3:::bucket").
    // Not one in AWS's own account ("arn:aws:iam::aws:policy/ReadOnlyAccess"): a managed policy every account has.
    name: 'arn',
    cue: /arn:aws/,
    // A template's region ("*", "${AWS::Region}") holds the account's id all the same.
    pattern: new RegExp(String.raw`(?<![\w-])arn:aws(?:-cn|-us-gov|-iso(?:-[a-z])?)?:[a-z0-9-]{2,}:(?:${AWS_REGION}|\*|\$\{[^}\s]*\})?:(?:\d{12})?:[^\s"'\x60<>,;|&\\]+`, 'g'),
    confidence: 0.95,
    trim: trimmedArn,
  },
  { name: 'aws-account-id', cue: /aws/i, pattern: /(?<![\w-])\d{4}-?\d{4}-?\d{4}(?![\w-])/g, confidence: 0.9, keep: awsAccountId },
  // An ECR registry is named by its account ("9621….dkr.ecr.us-west-2.amazonaws.com").
  { name: 'ecr-registry', cue: /\.dkr\.ecr\./, pattern: new RegExp(String.raw`(?<![\w-])\d{12}\.dkr\.ecr(?:-fips)?\.${AWS_REGION}\.amazonaws\.com(?:\.cn)?`, 'g'), confidence: 0.9 },
  // A bucket in an S3 host ("acme-invoices.s3.eu-west-1.amazonaws.com"), in its path ("s3.amazonaws.com/acme-invoices").
  { name: 's3-host', cue: /amazonaws\.com/, pattern: new RegExp(`${EDGE}${NAME}\\.${S3_ENDPOINT}(?![\\w-])`, 'g'), confidence: 0.9 },
  // Not S3's XML namespace ("http://s3.amazonaws.com/doc/2006-03-01/"); a bucket in the console's URL too.
  { name: 's3-path', cue: /amazonaws\.com\//, pattern: new RegExp(`${EDGE}${S3_ENDPOINT}/(?!doc/\\d{4}-\\d\\d-\\d\\d/)${NAME}`, 'g'), confidence: 0.9, keep: namedBucket },
  { name: 's3-console', cue: /s3\.console\.aws\.amazon\.com/, pattern: new RegExp(`${EDGE}s3\\.console\\.aws\\.amazon\\.com/s3/(?:buckets|object)/${NAME}`, 'g'), confidence: 0.9 },
  // Google Cloud Storage's, in a host or a path (its JSON API's too: "storage.googleapis.com/storage/v1/b/<bucket>").
  { name: 'gcs-host', cue: /storage\.googleapis\.com/, pattern: new RegExp(`${EDGE}${NAME}\\.storage\\.googleapis\\.com(?![\\w-])`, 'g'), confidence: 0.9 },
  {
    name: 'gcs-path',
    cue: /storage\.(?:googleapis|cloud\.google)\.com\//,
    pattern: new RegExp(`${EDGE}storage\\.(?:googleapis|cloud\\.google)\\.com/(?:(?:upload/|download/)?storage/v1/b/)?(?!(?:storage|upload|download|batch)/)${NAME}`, 'g'),
    confidence: 0.9,
    keep: namedBucket,
  },
  // A bucket's URI, as the CLIs and SDKs take it ("s3://acme-invoices/2024/", "gs://acme-models").
  { name: 'bucket-uri', cue: /(?:s3[an]?|gs):\/\//, pattern: /(?<![\w-])(?:s3[an]?|gs):\/\/[a-z0-9][a-z0-9._-]*[a-z0-9]/g, confidence: 0.9 },
  // An Azure storage account in its service's host ("acmeprod.blob.core.windows.net", a static site's
  // "acme.z6.web.core.windows.net", Hadoop's "abfss://raw@acmelake.dfs.core.windows.net"); Private Link's zone is none, an account in it is.
  {
    name: 'azure-storage-host',
    cue: /\.core\.windows\.net/,
    pattern: new RegExp(String.raw`(?:(?<![\w-])(?:abfss?|wasbs?)://[\w-]+@|${EDGE})(?!privatelink\.)[A-Za-z0-9]{3,24}\.(?:privatelink\.)?(?:blob|queue|table|file|dfs|(?:z\d+\.)?web)\.core\.windows\.net(?![\w-])`, 'g'),
    confidence: 0.9,
  },
  // An Azure subscription: in a resource's id ("/subscriptions/<uuid>/resourceGroups/…") or under its name.
  {
    name: 'azure-subscription',
    cue: /subscription|az account/i,
    // The documentation's all-zero subscription is none.
    keep: (_text, _at, value) => !isOneCharacter(value.replace(/-/g, '')),
    pattern: new RegExp(String.raw`(?<=/subscriptions/|subscription(?:[_ -]?id)?["'\x60]?(?:[\s"'\x60:=>{|*]|(?<![a-z])(?:is|value)(?![a-z])){0,12}|--subscription[ =]["']?|\baz account set -s ["']?)${UUID}(?![\w-])`, 'gi'),
    confidence: 0.9,
  },
  // A Google OAuth client: the project's number and 32 characters ("1234-abc….apps.googleusercontent.com").
  { name: 'google-client-id', cue: /apps\.googleusercontent\.com/, pattern: /(?<![\w-])\d+-[a-z0-9_]{32}\.apps\.googleusercontent\.com(?![\w-])/gi, confidence: 0.9 },
  // A Shopify store's own host, the handle its Admin API is called at ("acme-outlet.myshopify.com").
  { name: 'shopify-store', cue: /\.myshopify\.com/, pattern: new RegExp(`${EDGE}${NAME}\\.myshopify\\.com(?![\\w-])`, 'g'), confidence: 0.9 },
  { name: 'shopify-admin', cue: /admin\.shopify\.com\/store\//, pattern: /(?<![\w.-])admin\.shopify\.com\/store\/[a-z0-9][a-z0-9-]*/g, confidence: 0.9 },
];

/** Every shape's cue at once: most texts name no cloud, and one scan tells. */
const ANY_CUE = new RegExp(SHAPES.map((shape) => shape.cue.source).join('|'), 'i');

/**
 * Cloud accounts and resources by their identifiers: AWS's ARNs and account ids, S3's, Google Cloud Storage's and
 * Azure Storage's buckets and accounts, Azure subscriptions, Google OAuth clients and Shopify stores. None is a credential,
 * but each names what an attacker would aim at and whose it is (an ARN holds its account's id), which a prompt to another
 * company's model need not: found by the shapes their providers give them, so no word near is needed.
 */
export const cloudIdentifierDetector: Detector = {
  name: 'cloud-identifier',
  category: 'cloud_identifier',
  // Above a national id's: an ARN holding an id-shaped name is the ARN ("arn:aws:iam::…:user/AB123456C").
  priority: 89,
  detect(text) {
    if (!ANY_CUE.test(text)) return [];
    const out: Finding[] = [];
    for (const shape of SHAPES) {
      if (!shape.cue.test(text)) continue;
      for (const m of matches(text, shape.pattern)) {
        if (shape.keep && !shape.keep(text, m.index, m[0])) continue;
        out.push(finding(this, m.index, shape.trim ? shape.trim(m[0]) : m[0], shape.confidence));
      }
    }
    return out;
  },
};

/** The part of an identifier that says what kind it is, kept when masked: the ARN's partition and service, the host. */
const KIND = new RegExp(
  String.raw`^(arn:[^:]+:[^:]+:)|^((?:s3[an]?|gs):\/\/)|^(${S3_ENDPOINT}\/|storage\.(?:googleapis|cloud\.google)\.com\/(?:(?:upload\/|download\/)?storage\/v1\/b\/)?|s3\.console\.aws\.amazon\.com\/s3\/(?:buckets|object)\/|admin\.shopify\.com\/store\/)|(\.(?:${S3_ENDPOINT}|dkr\.ecr(?:-fips)?\.${AWS_REGION}\.amazonaws\.com(?:\.cn)?|storage\.googleapis\.com|apps\.googleusercontent\.com|myshopify\.com|(?:blob|queue|table|file|dfs|web)\.core\.windows\.net))$`,
);

/** "arn:aws:iam:****", "s3://****", "****.s3.amazonaws.com", "****.myshopify.com"; an account's or subscription's id "****". */
export function maskCloudIdentifier(value: string): string {
  const m = KIND.exec(value);
  if (!m) return '****';
  return m[4] ? `****${m[4]}` : `${m[1] ?? m[2] ?? m[3]}****`;
}

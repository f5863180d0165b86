import { createDetector } from '../../plugins/pii-sanitizer/detect';
import { maskValue } from '../../plugins/pii-sanitizer/vault';

const detector = createDetector();
const found = (text: string) => detector.detect(text).map((f) => [f.category, f.value]);
const cloud = (text: string) => detector.detect(text).filter((f) => f.category === 'cloud_identifier').map((f) => f.value);

describe('cloud identifiers: accounts and resources by the shapes their providers give them', () => {
  it('finds ARNs, with or without region and account, and none in AWS’s own account', () => {
    expect(cloud('Allow "arn:aws:s3:::acme-ledger/*" for the role')).toEqual(['arn:aws:s3:::acme-ledger/*']);
    expect(cloud('Key: arn:aws:kms:us-west-2:507349912345:key/1234abcd-12ab-34cd-56ef-1234567890ab,')).toEqual([
      'arn:aws:kms:us-west-2:507349912345:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ]);
    // A sentence's or a bracket's close is not the resource's; a balanced brace is.
    expect(cloud('(see arn:aws:iam::507349912345:user/deploy).')).toEqual(['arn:aws:iam::507349912345:user/deploy']);
    expect(cloud('?arn=arn:aws:iam::507349912345:role/Admin&region=us-east-1')).toEqual(['arn:aws:iam::507349912345:role/Admin']);
    expect(cloud('"AccessDenied on arn:aws:s3:::acme-invoices\\nretrying"')).toEqual(['arn:aws:s3:::acme-invoices']);
    expect(cloud('Is it arn:aws:s3:::acme-invoices?')).toEqual(['arn:aws:s3:::acme-invoices']);
    // A template's region still holds the account.
    expect(cloud('arn:aws:logs:*:507349912345:log-group:/x')).toEqual(['arn:aws:logs:*:507349912345:log-group:/x']);
    expect(cloud('arn:aws:dynamodb:${AWS::Region}:507349912345:table/orders')).toEqual(['arn:aws:dynamodb:${AWS::Region}:507349912345:table/orders']);
    // An ARN holding an id-shaped name is the ARN, whose account must not go out in clear.
    expect(found('arn:aws:iam::507349912345:user/AB123456C')).toEqual([['cloud_identifier', 'arn:aws:iam::507349912345:user/AB123456C']]);
    expect(cloud('return f"arn:aws:s3:::{bucket_name}"')).toEqual(['arn:aws:s3:::{bucket_name}']);
    expect(cloud('arn:aws-us-gov:sns:us-gov-west-1:507349912345:alerts')).toEqual(['arn:aws-us-gov:sns:us-gov-west-1:507349912345:alerts']);
    // A managed policy every account has; a region or an account of the wrong shape; "arn" inside a word.
    for (const text of ['Attach arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:ec2:useast1:507349912345:instance/i-1', 'arn:aws:iam::5073499:user/x', 'learn:aws:s3:::x']) {
      expect([text, cloud(text)]).toEqual([text, []]);
    }
  });

  it('finds an AWS account id under its name, and twelve digits without it are no account', () => {
    expect(cloud('AWSAccountId: "324320755747",')).toEqual(['324320755747']);
    expect(cloud('aws_account_id=891511536143')).toEqual(['891511536143']);
    expect(cloud('Our AWS account ID is 1234-5678-9012.')).toEqual(['1234-5678-9012']);
    expect(cloud('hey, can someone add me to the staging AWS account (169040652902)?')).toEqual(['169040652902']);
    expect(cloud("L'identifiant de compte AWS est 529092334931 ; Unsere AWS-Konto-ID: 5521-0873-4410")).toEqual(['529092334931', '5521-0873-4410']);
    expect(cloud("import * as cdk from 'aws-cdk-lib';\nnew ApiStack(app, 'Api', { env: { account: '962128760955' } });")).toEqual(['962128760955']);
    expect(cloud('$ aws sts get-caller-identity --query Account --output text\n131546318007')).toEqual(['131546318007']);
    expect(cloud('docker push 308145876017.dkr.ecr.us-east-1.amazonaws.com/api:1.4')).toEqual(['308145876017.dkr.ecr.us-east-1.amazonaws.com']);
    // No account's word just before, or no AWS: an order's, a project's or a bank's number.
    expect(cloud('account id 891511536143')).toEqual([]);
    expect(cloud('We moved off AWS last year. Order 891511536143 shipped; GCP project number 891511536143.')).toEqual([]);
    expect(cloud('The AWS S3 bucket contains 123456789012 objects')).toEqual([]);
    expect(cloud('Account ID 169040652902 (AWS), billing')).toEqual(['169040652902']);
    expect(cloud('aws_account_id=8915115361431')).toEqual([]);
  });

  it('finds buckets in S3, GCS and Azure hosts, paths and URIs, and no endpoint alone', () => {
    for (const [text, value] of [
      ['GET https://acme-invoices.s3.eu-west-1.amazonaws.com/2024/jan.pdf', 'acme-invoices.s3.eu-west-1.amazonaws.com'],
      ['http://bucket.s3-us-east-2.amazonaws.com', 'bucket.s3-us-east-2.amazonaws.com'],
      ['site at www.acme.com.s3-website-us-east-1.amazonaws.com', 'www.acme.com.s3-website-us-east-1.amazonaws.com'],
      ['url=http%3A%2F%2Fsome-bucket.s3.amazonaws.com', 'some-bucket.s3.amazonaws.com'],
      ['http://s3-us-east-2.amazonaws.com/acme-logs/x', 's3-us-east-2.amazonaws.com/acme-logs'],
      ['aws s3 sync s3://acme-prod-exports ./out', 's3://acme-prod-exports'],
      ['gsutil cp gs://acme-models/v3.bin .', 'gs://acme-models'],
      ['https://storage.googleapis.com/acme-public/img.png', 'storage.googleapis.com/acme-public'],
      ['c.storage.googleapis.com', 'c.storage.googleapis.com'],
      ['AccountName=x; https://acmeprod.blob.core.windows.net/backups', 'acmeprod.blob.core.windows.net'],
      ['load("abfss://raw@adventureworkslake.dfs.core.windows.net/sales/")', 'abfss://raw@adventureworkslake.dfs.core.windows.net'],
      ['https://litwarestatic.z6.web.core.windows.net/ shows the old build', 'litwarestatic.z6.web.core.windows.net'],
      ['https://storage.googleapis.com/storage/v1/b/acme-models/o', 'storage.googleapis.com/storage/v1/b/acme-models'],
      ['https://s3.console.aws.amazon.com/s3/buckets/acme-invoices?region=us-east-1', 's3.console.aws.amazon.com/s3/buckets/acme-invoices'],
      ['my-ap-123456789012.s3-accesspoint.us-east-1.amazonaws.com', 'my-ap-123456789012.s3-accesspoint.us-east-1.amazonaws.com'],
      ['acme.privatelink.blob.core.windows.net', 'acme.privatelink.blob.core.windows.net'],
      ['https://admin.shopify.com/store/acme-outlet/orders', 'admin.shopify.com/store/acme-outlet'],
    ]) {
      expect([text, cloud(text)]).toEqual([text, [value]]);
    }
    for (const text of ['s3.amazonaws.com/', 'https://s3.amazonaws.com', '.s3.amazonaws.com', 'https://storage.googleapis.com', 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"', 'POST https://storage.googleapis.com/upload/storage/v1/b/BUCKET_NAME/o', 'ec2.us-east-1.amazonaws.com', 's3://${BUCKET}/x', 'Private DNS zone privatelink.blob.core.windows.net']) {
      expect([text, cloud(text)]).toEqual([text, []]);
    }
  });

  it('finds Azure subscriptions, Google OAuth clients and Shopify stores', () => {
    const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    expect(cloud(`/subscriptions/${id}/resourceGroups/rg-prod`)).toEqual([id]);
    expect(cloud(`az account set --subscription ${id}`)).toEqual([id]);
    expect(cloud(`"subscriptionId": "${id}"`)).toEqual([id]);
    expect(cloud(`subscriptionID := "${id}"`)).toEqual([id]);
    expect(cloud(`"subscriptionId": { "value": "${id}" },`)).toEqual([id]);
    expect(cloud(`| Subscription ID | ${id} |`)).toEqual([id]);
    expect(cloud(`az account set -s ${id}`)).toEqual([id]);
    expect(cloud('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/x')).toEqual([]);
    expect(cloud(`request ${id} failed`)).toEqual([]);
    const client = '231545488769-4d1mcev9vifvlncrern52id2pqqf5u5l.apps.googleusercontent.com';
    expect(cloud(`'clientID' : '${client}',`)).toEqual([client]);
    expect(cloud('store.acme-outlet.myshopify.com/admin')).toEqual(['store.acme-outlet.myshopify.com']);
  });

  it('leaves an address at such a host to the email rule, and a credential in a bucket URL to the secret rule', () => {
    expect(found('write to ops@acme-outlet.myshopify.com')).toEqual([['email', 'ops@acme-outlet.myshopify.com']]);
    const key = 'AKIAZ7VQ2LMN4RT5XW3P';
    expect(found(`https://acme-exports.s3.amazonaws.com/a.csv?X-Amz-Credential=${key}%2F20240101`)).toEqual([
      ['cloud_identifier', 'acme-exports.s3.amazonaws.com'],
      ['secret', key],
    ]);
  });

  it('keeps the kind when masked, never the name', () => {
    expect(maskValue('cloud_identifier', 'arn:aws:iam::507349912345:user/deploy')).toBe('arn:aws:iam:****');
    expect(maskValue('cloud_identifier', 'acme-invoices.s3.eu-west-1.amazonaws.com')).toBe('****.s3.eu-west-1.amazonaws.com');
    expect(maskValue('cloud_identifier', 's3-us-east-2.amazonaws.com/acme-logs')).toBe('s3-us-east-2.amazonaws.com/****');
    expect(maskValue('cloud_identifier', 'gs://acme-models')).toBe('gs://****');
    expect(maskValue('cloud_identifier', 'acmeprod.blob.core.windows.net')).toBe('****.blob.core.windows.net');
    expect(maskValue('cloud_identifier', '891511536143')).toBe('****');
    expect(maskValue('cloud_identifier', '308145876017.dkr.ecr.us-east-1.amazonaws.com')).toBe('****.dkr.ecr.us-east-1.amazonaws.com');
    expect(maskValue('cloud_identifier', 'my.dkr.ecr.bucket.s3.amazonaws.com')).toBe('****.s3.amazonaws.com');
  });
});

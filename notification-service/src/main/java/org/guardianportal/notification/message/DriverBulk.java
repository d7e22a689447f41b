package org.guardianportal.notification.message;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One unordered bulk write of many single-document changes, sent with the driver. The queries and updates are written
 * with Spring's {@link Query} and {@link Update} but sent as they are, with this module's own field names. Spring
 * Data's bulk operations map every query and update against the entity's metadata; while delivering, they took a
 * third of this service's CPU samples (that mapping, the driver's encoding and the round trips together). Values
 * (enums, instants) are encoded by the driver's codecs, as Spring stores them: an enum by its name, an instant as a
 * date.
 */
final class DriverBulk {

    private final List<WriteModel<Document>> writes = new ArrayList<>();

    void updateOne(Query query, Update update) {
        writes.add(new UpdateOneModel<>(query.getQueryObject(), update.getUpdateObject()));
    }

    void upsert(Query query, Update update) {
        writes.add(new UpdateOneModel<>(query.getQueryObject(), update.getUpdateObject(),
                new UpdateOptions().upsert(true)));
    }

    void removeOne(Query query) {
        writes.add(new DeleteOneModel<>(query.getQueryObject()));
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Failures are translated into Spring's exceptions, as the template's own operations' are. */
    BulkWriteResult execute(MongoTemplate mongo, String collection) {
        return mongo.execute(collection, target -> target.bulkWrite(writes, new BulkWriteOptions().ordered(false)));
    }
}
